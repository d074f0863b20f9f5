import { isLoopbackHost, parseHttpUrl } from '../../../pkg/harvester-manager/domain';

const K = 'harvesterManager.url.error';

describe('domain: http-url', () => {
  describe('parseHttpUrl', () => {
    it.each([
      ['https://rancher.example.com/v3/import/abc_c-abcde.yaml', 'https', 'rancher.example.com', undefined],
      ['http://10.0.0.5:8080/v3/import/x.yaml', 'http', '10.0.0.5', 8080],
      ['HTTPS://Rancher.Example.COM', 'https', 'rancher.example.com', undefined],
      ['https://[fd00::1]:8443/x', 'https', 'fd00::1', 8443],
      ['https://user:pw@rancher.example.com/x', 'https', 'rancher.example.com', undefined],
      ['https://rancher.example.com?x=1#frag', 'https', 'rancher.example.com', undefined],
    ])('accepts %s', (url, scheme, host, port) => {
      const r = parseHttpUrl(url);

      expect(r).toEqual({
        ok:    true,
        value: {
          url, scheme, host, port
        }
      });
    });

    it('requires a value', () => {
      expect(parseHttpUrl('')).toEqual({ ok: false, error: { key: `${ K }.missing` } });
      expect(parseHttpUrl(undefined)).toEqual({ ok: false, error: { key: `${ K }.missing` } });
    });

    it.each([
      'https://rancher.example.com/a b',
      ' https://rancher.example.com',
      'https://rancher.example.com\n',
      'https://rancher.example.com/\u0007',
      'https://rancher.example.com/\u0085',
      'https://rancher.example.com\\@evil',
      'https://rancher.example.com/\u2028',
    ])('refuses whitespace and control characters: %j', (url) => {
      expect(parseHttpUrl(url)).toEqual({ ok: false, error: { key: `${ K }.unsafeCharacters` } });
    });

    it.each(['ftp://rancher.example.com/x', 'file:///etc/passwd', 'javascript://x'])('refuses other schemes: %s', (url) => {
      const r = parseHttpUrl(url);

      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.key).toBe(`${ K }.scheme`);
    });

    it.each([
      'rancher.example.com/x', 'https:/rancher.example.com', 'https://', 'https:///path', 'https://host:port/x',
      'https://host:0/x', 'https://host:70000/x', 'https://[zz::1]/x', 'https://ho^st/x',
    ])('refuses malformed %s', (url) => {
      expect(parseHttpUrl(url)).toEqual({ ok: false, error: { key: `${ K }.malformed`, args: { url } } });
    });
  });

  describe('isLoopbackHost', () => {
    it.each([
      'localhost', 'LOCALHOST', 'localhost.', 'rancher.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]',
      '0:0:0:0:0:0:0:1', '0.0.0.0', '::', '::ffff:127.0.0.1',
    ])('%s is loopback', (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    });

    it.each(['rancher.example.com', '10.0.0.1', '192.168.1.10', 'fd00::1', '::2', 'localhost.example.com', '128.0.0.1', 'mylocalhost'])('%s is not', (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    });
  });
});
