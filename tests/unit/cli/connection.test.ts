import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { defaultConfigPath, expandHome, parseConfigFile } from '../../../cli/config-file';
import { normaliseServer, resolveConnection } from '../../../cli/connection';
import { EXIT } from '../../../cli/errors';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('cli: connection', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hm-conn-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const path = join(dir, name);

    writeFileSync(path, text);

    return path;
  };

  it('normaliseServer keeps a valid URL without trailing slashes and refuses the rest', () => {
    expect(normaliseServer('https://rancher.example.com/')).toBe('https://rancher.example.com');
    expect(normaliseServer(' http://127.0.0.1:8006 ')).toBe('http://127.0.0.1:8006');
    expect(normaliseServer('https://host/rancher//')).toBe('https://host/rancher');
    for (const bad of ['', 'rancher', 'ftp://x', 'https://a b', 'https://x/?a=1']) {
      expect(() => normaliseServer(bad)).toThrow(expect.objectContaining({ exitCode: EXIT.USAGE }));
    }
  });

  it('flags win over the environment, which wins over the context', () => {
    const config = file('prec.yaml', 'current-context: c\ncontexts:\n  c:\n    server: https://ctx.example.com\n    token: ctx-token\n    insecure-skip-tls-verify: true\n');
    const env = {
      RANCHER_URL: 'https://env.example.com', RANCHER_TOKEN: 'env-token', HARVESTER_MANAGER_CONFIG: config
    };

    expect(resolveConnection({}, env)).toMatchObject({
      server: 'https://env.example.com', token: 'env-token', insecureSkipTlsVerify: true, context: 'c'
    });
    expect(resolveConnection({ server: 'https://flag.example.com', token: 'flag-token' }, env)).toMatchObject({ server: 'https://flag.example.com', token: 'flag-token' });
    expect(resolveConnection({}, { HARVESTER_MANAGER_CONFIG: config })).toMatchObject({ server: 'https://ctx.example.com', token: 'ctx-token' });
  });

  it('reads the token from token-env or token-file, and the CA from ca-cert (with ~ expanded)', () => {
    file('lab.token', 'token-x:from-file\n');
    const ca = file('ca.pem', PEM);
    const config = file('tokens.yaml', [
      'contexts:',
      '  env:',
      '    server: https://a.example.com',
      '    token-env: LAB_TOKEN',
      '  file:',
      '    server: https://b.example.com',
      '    token-file: ~/lab.token',
      `    ca-cert: ${ ca }`,
    ].join('\n'));

    expect(resolveConnection({ context: 'env', config }, { LAB_TOKEN: 'token-y:from-env' }).token).toBe('token-y:from-env');

    const viaFile = resolveConnection({ context: 'file', config }, {}, dir);

    expect(viaFile).toMatchObject({
      token: 'token-x:from-file', caCertPath: ca, ca: PEM.trim()
    });
  });

  it('explains what is missing or wrong, as usage errors', () => {
    const usage = expect.objectContaining({ exitCode: EXIT.USAGE });

    expect(() => resolveConnection({}, {})).toThrow(usage);
    expect(() => resolveConnection({ server: 'https://x' }, {})).toThrow(/No Rancher API token/);
    expect(() => resolveConnection({ server: 'https://x', token: 'Bearer abc' }, {})).toThrow(expect.objectContaining({ fix: expect.stringContaining('without "Bearer"') }));
    expect(() => resolveConnection({
      server: 'https://x', token: 't', caCert: join(dir, 'missing.pem')
    }, {})).toThrow(/Cannot read CA certificate file/);
    expect(() => resolveConnection({
      server: 'https://x', token: 't', caCert: file('bad.pem', 'nope')
    }, {})).toThrow(/does not contain a PEM certificate/);
    expect(() => resolveConnection({ context: 'x', config: join(dir, 'none.yaml') }, {})).toThrow(/Cannot read config file/);
    expect(() => resolveConnection({ context: 'lab' }, {})).toThrow(/needs a config file/);
  });

  it('a missing default config file is fine; a named context must exist', () => {
    expect(resolveConnection({ server: 'https://x', token: 't' }, {}, join(dir, 'nohome'))).toMatchObject({ server: 'https://x' });

    const config = file('one.yaml', 'contexts:\n  lab: {server: "https://lab"}\n');

    expect(() => resolveConnection({ context: 'prod', config }, {})).toThrow(/Context "prod" is not in .*one.yaml/);
  });

  describe('config file', () => {
    it('parses contexts and current-context', () => {
      expect(parseConfigFile('current-context: lab\ncontexts:\n  lab:\n    server: https://lab\n    token-file: /t\n', 'f')).toEqual({
        path: 'f', currentContext: 'lab', contexts: { lab: { server: 'https://lab', tokenFile: '/t' } },
      });
      expect(parseConfigFile('', 'f')).toEqual({ path: 'f', contexts: {} });
    });

    it.each([
      ['[1, 2]', /must be a YAML map/],
      ['contexts: [a]', /must be a map of context name/],
      ['contexts:\n  lab: 3', /Context "lab" .* must be a map/],
      ['contexts:\n  lab:\n    sever: x', /Unknown field "sever"/],
      ['contexts:\n  lab:\n    insecure-skip-tls-verify: "yes"', /must be a boolean/],
      ['current-context: [x]', /current-context/],
      ['a: [', /not valid YAML/],
    ])('refuses %j', (text, message) => {
      expect(() => parseConfigFile(text, 'f')).toThrow(message);
    });

    it('default path: HARVESTER_MANAGER_CONFIG, XDG_CONFIG_HOME, ~/.config', () => {
      expect(defaultConfigPath({ HARVESTER_MANAGER_CONFIG: '/c.yaml' }, '/home/u')).toBe('/c.yaml');
      expect(defaultConfigPath({ XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe('/xdg/harvester-manager/config.yaml');
      expect(defaultConfigPath({}, '/home/u')).toBe('/home/u/.config/harvester-manager/config.yaml');
      expect(defaultConfigPath({})).toBeUndefined();
      expect(expandHome('~/x', '/home/u')).toBe('/home/u/x');
      expect(expandHome('/abs/~/x', '/home/u')).toBe('/abs/~/x');
    });
  });
});
