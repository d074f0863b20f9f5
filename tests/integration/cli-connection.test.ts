import { createServer as createHttpServer, Server } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';
import { createProxyServer } from 'http-proxy';
import { generate } from 'selfsigned';
import { CliSim } from './support/cli-harness';

// Connection settings and the errors that name cause and fix: bad URL, nothing listening, not
// Rancher, wrong token, TLS (self-signed Rancher), the token masked in --verbose, contexts.

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return String((server.address() as AddressInfo).port);
}

describe('cli: connection and errors', () => {
  let h: CliSim;
  let tlsUrl: string;
  let caFile: string;
  let htmlUrl: string;
  const servers: Server[] = [];

  beforeAll(async() => {
    h = await CliSim.start();

    // Rancher behind a self-signed certificate: an HTTPS proxy in front of the simulator.
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize:      2048,
      notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000), // valid for a day
      extensions:   [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const proxy = createProxyServer({ target: h.url });
    const tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => proxy.web(req, res));

    servers.push(tls);
    tlsUrl = `https://127.0.0.1:${ await listen(tls) }`;
    caFile = h.writeFile('rancher-ca.pem', pems.cert);

    // Something that is not Rancher: a web page.
    const html = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>');
    });

    servers.push(html);
    htmlUrl = `http://127.0.0.1:${ await listen(html) }`;
  });
  afterAll(async() => {
    servers.forEach((s) => s.close());
    await h.close();
  });

  it('needs a server and a token (usage errors)', async() => {
    const noServer = await h.cli(['list'], { noConnectionEnv: true });

    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('Fix: Pass --server https://rancher.example.com, set RANCHER_URL');

    const noToken = await h.cli(['list', '--server', h.url], { noConnectionEnv: true });

    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('RANCHER_TOKEN');
  });

  it('rejects a malformed --server URL before any request', async() => {
    for (const bad of ['rancher.example.com', 'ftp://rancher', 'https://ran cher']) {
      const res = await h.cli(['list', '--server', bad]);

      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/--server \/ RANCHER_URL is not a usable URL/);
      expect(res.stderr).toContain('Fix: Pass Rancher\'s URL with its scheme');
    }
  });

  it('explains a server where nothing listens, and one that is not Rancher', async() => {
    const refused = await h.cli(['list', '--server', 'http://127.0.0.1:1']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing accepts connections at http://127.0.0.1:1 (connection refused)');
    expect(refused.stderr).toContain('Fix: Check --server / RANCHER_URL');

    const html = await h.cli(['list', '--server', htmlUrl]);

    expect(html.code).toBe(1);
    expect(html.stderr).toContain('does not look like Rancher');
    expect(html.stderr).toContain('text/html');
  });

  it('explains a rejected token (401) without printing it', async() => {
    const res = await h.cli(['list'], { env: { RANCHER_TOKEN: 'token-abcde:notavalidsecretatall' } });

    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Rancher rejected the API token (401 Unauthorized');
    expect(res.stderr).toContain('Account & API Keys');
    expect(res.stderr).not.toContain('notavalidsecretatall');
  });

  it('TLS: explains an untrusted certificate, and works with --ca-cert or --insecure-skip-tls-verify', async() => {
    const untrusted = await h.cli(['list', '--server', tlsUrl]);

    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/Cannot verify Rancher's TLS certificate at https:\/\/127\.0\.0\.1:\d+ \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    expect(untrusted.stderr).toContain('--ca-cert');

    const trusted = await h.cli(['list', '--server', tlsUrl, '--ca-cert', caFile]);

    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('harvester-prod');

    const insecure = await h.cli(['list', '--server', tlsUrl, '--insecure-skip-tls-verify']);

    expect(insecure.code).toBe(0);

    const notPem = await h.cli(['list', '--server', tlsUrl, '--ca-cert', h.writeFile('not-a-cert.pem', 'hello')]);

    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain('does not contain a PEM certificate');
  });

  it('--verbose logs requests with the token masked (also a --token given as a flag)', async() => {
    const token = await h.token('admin');
    const res = await h.cli(['--verbose', 'list', '--server', h.url, '--token', token], { noConnectionEnv: true });

    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/> GET http:\/\/127\.0\.0\.1:\d+\/v1\/management\.cattle\.io\.clusters\?filter=/);
    expect(res.stderr).toContain('Authorization: Bearer ********');
    expect(res.stderr).toMatch(/< 200 OK \(\d+ ms\)/);
    expect(res.stderr).not.toContain(token);
    expect(res.stderr).not.toContain(token.split(':')[1]);
  });

  it('reads --context from a config file (token from an environment variable it names)', async() => {
    const token = await h.token('admin');
    const config = h.writeFile('config.yaml', [
      'current-context: broken',
      'contexts:',
      '  sim:',
      `    server: ${ h.url }`,
      '    token-env: SIM_TOKEN',
      '  broken:',
      '    server: http://127.0.0.1:1',
      `    token: ${ token }`,
      '',
    ].join('\n'));

    const viaContext = await h.cli(['--config', config, '--context', 'sim', 'list', '-o', 'json'], { noConnectionEnv: true, env: { SIM_TOKEN: token } });

    expect(viaContext.code).toBe(0);
    expect(JSON.parse(viaContext.stdout).count).toBe(2);

    const current = await h.cli(['list'], { noConnectionEnv: true, env: { HARVESTER_MANAGER_CONFIG: config } });

    expect(current.code).toBe(1);
    expect(current.stderr).toContain('connection refused');

    const unknown = await h.cli(['--config', config, '--context', 'nope', 'list'], { noConnectionEnv: true });

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Context "nope" is not in');
    expect(unknown.stderr).toContain('Known contexts: sim, broken');
  });

  it('usage errors exit 2: unknown option, bad --output, bad duration, missing argument', async() => {
    expect((await h.cli(['list', '--bogus'])).code).toBe(2);
    expect((await h.cli(['list', '-o', 'xml'])).code).toBe(2);
    expect((await h.cli(['status', 'harvester-prod', '--wait', '--timeout', 'soon'])).stderr).toContain('is not a duration');
    expect((await h.cli(['status'])).code).toBe(2);
    expect((await h.cli(['frobnicate'])).code).toBe(2);
  });
});
