import { EXIT, formatError, CliError } from '../../../cli/errors';
import { explainHttpError, explainNetworkError, RESPONSE_INCOMPLETE, RESPONSE_TOO_LARGE } from '../../../cli/http-errors';

const SERVER = 'https://rancher.example.com';
const rancherError = (status: number, code: string, message: string) => ({
  type: 'error', status, code, message
});

describe('cli: http-errors', () => {
  describe('explainNetworkError', () => {
    it.each([
      ['DEPTH_ZERO_SELF_SIGNED_CERT', /Cannot verify Rancher's TLS certificate/, /--ca-cert/],
      ['SELF_SIGNED_CERT_IN_CHAIN', /Cannot verify/, /--insecure-skip-tls-verify/],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /Cannot verify/, /--ca-cert/],
      ['CERT_HAS_EXPIRED', /is not valid/, /renew/],
      ['ERR_TLS_CERT_ALTNAME_INVALID', /is not valid/, /host name the certificate was issued for/],
      ['EPROTO', /does not speak TLS/, /http:\/\//],
      ['ENOTFOUND', /Cannot resolve the host "rancher.example.com"/, /spelling/],
      ['ECONNREFUSED', /connection refused/, /Rancher is running/],
      ['ECONNABORTED', /did not answer within 30s/, /HTTPS_PROXY/],
      ['EHOSTUNREACH', /not reachable/, /VPN/],
      ['ECONNRESET', /closed unexpectedly/, /proxies/],
      ['EWHATEVER', /Cannot reach Rancher/, /--server/],
    ])('%s names the cause and a fix', (code, message, fix) => {
      const e = explainNetworkError({ code, message: `${ code } happened` }, SERVER, 30_000);

      expect(e.exitCode).toBe(EXIT.ERROR);
      expect(e.message).toMatch(message);
      expect(e.fix).toMatch(fix);
    });
    it('a read that timed out on every attempt names the request, the attempts and --request-timeout', () => {
      const e = explainNetworkError({ code: 'ECONNABORTED', message: 'timeout of 2000ms exceeded' }, SERVER, 2000, {
        method: 'GET', path: '/v1/x', attempts: 3
      });

      expect(e.message).toBe('Rancher at https://rancher.example.com did not answer GET /v1/x within 2s (ECONNABORTED, 3 attempts).');
      expect(e.fix).toContain('--request-timeout (now 2s)');
    });

    it.each(['ECONNABORTED', 'ECONNRESET'])('a change without an answer (%s) says its outcome is unknown and how to find out', (code) => {
      const e = explainNetworkError({ code, message: 'x' }, SERVER, 30_000, {
        method: 'POST', path: '/v3/clusters', action: 'create the cluster "lab"'
      });

      expect(e.message).toBe(`Rancher at https://rancher.example.com did not answer POST /v3/clusters within 30s (${ code }), so it is unknown whether Rancher managed to create the cluster "lab".`);
      expect(e.fix).toContain('harvester-manager status <name>');
      expect(e.fix).toContain('import picks up a cluster it already made');
    });
  });

  describe('limits: --max-response-size and the whole-request --request-timeout', () => {
    it('an answer over the size limit: what happened, that it is not like Rancher, and the flag', () => {
      const e = explainNetworkError({
        code: RESPONSE_TOO_LARGE, message: 'maxContentLength size of 67108864 exceeded', limitBytes: 64 * 1024 ** 2
      }, SERVER, 30_000, {
        method: 'GET', path: '/v1/management.cattle.io.clusters', attempts: 1
      });

      expect(e.exitCode).toBe(EXIT.ERROR);
      expect(e.message).toBe('The answer to GET /v1/management.cattle.io.clusters from https://rancher.example.com is larger than 64 MiB; the CLI stopped reading it.');
      expect(e.fix).toBe('Rancher\'s answers are far smaller: check that --server / RANCHER_URL is Rancher\'s own URL, not a proxy or another service. If it is Rancher, allow more with --max-response-size (e.g. 256Mi; now 64 MiB).');
    });

    it('a change whose answer was too large: its outcome is unknown', () => {
      const e = explainNetworkError({ code: RESPONSE_TOO_LARGE, limitBytes: 1024 }, SERVER, 30_000, {
        method: 'POST', path: '/v3/clusters', action: 'create the cluster "lab"'
      });

      expect(e.message).toBe('The answer to POST /v3/clusters from https://rancher.example.com is larger than 1 KiB; the CLI stopped reading it, so it is unknown whether Rancher managed to create the cluster "lab".');
    });

    it('a read whose answer was still arriving at the deadline, on every attempt', () => {
      const e = explainNetworkError({ code: RESPONSE_INCOMPLETE }, SERVER, 2000, {
        method: 'GET', path: '/v1/x', attempts: 3
      });

      expect(e.message).toBe('Rancher at https://rancher.example.com began answering GET /v1/x but had not finished within 2s (the answer was still arriving, 3 attempts).');
      expect(e.fix).toContain('proxy');
      expect(e.fix).toContain('--request-timeout (now 2s)');
    });

    it('a change whose answer was still arriving: its outcome is unknown', () => {
      const e = explainNetworkError({ code: RESPONSE_INCOMPLETE }, SERVER, 30_000, {
        method: 'DELETE', path: '/v3/clusters/c-x', action: 'delete the cluster'
      });

      expect(e.message).toBe('Rancher at https://rancher.example.com did not finish answering DELETE /v3/clusters/c-x within 30s (the answer was still arriving), so it is unknown whether Rancher managed to delete the cluster.');
      expect(e.fix).toContain('harvester-manager status <name>');
    });
  });

  describe('explainHttpError', () => {
    const req = {
      method: 'POST', path: '/v3/clusters', action: 'create the cluster "lab"'
    };

    it('a 5xx that stayed after asking again says how often it was asked', () => {
      const e = explainHttpError(503, rancherError(503, 'ServiceUnavailable', 'busy'), 'application/json', {
        method: 'GET', path: '/v1/x', attempts: 3
      }, SERVER);

      expect(e.message).toBe('Rancher failed to GET /v1/x (503 ServiceUnavailable: busy, 3 attempts).');
    });

    it('401: the token, how to get a new one', () => {
      const e = explainHttpError(401, rancherError(401, 'Unauthorized', 'must authenticate'), 'application/json', req, SERVER);

      expect(e.exitCode).toBe(EXIT.ERROR);
      expect(e.message).toBe('Rancher rejected the API token (401 Unauthorized: must authenticate).');
      expect(e.fix).toContain('RANCHER_TOKEN');
    });

    it('403: exit 4, what was refused and Rancher\'s reason', () => {
      const e = explainHttpError(403, rancherError(403, 'Forbidden', 'clusters is forbidden'), 'application/json', req, SERVER);

      expect(e.exitCode).toBe(EXIT.FORBIDDEN);
      expect(e.message).toBe('Rancher refused to create the cluster "lab" (403 Forbidden: clusters is forbidden).');
      expect(e.fix).toContain('administrator');
    });

    it('409 AlreadyExists and 422 NotUnique: the name is taken', () => {
      for (const [status, code] of [[409, 'AlreadyExists'], [422, 'NotUnique']] as const) {
        const e = explainHttpError(status, rancherError(status, code, 'Cluster name "lab" is already in use'), 'application/json', req, SERVER);

        expect(e.message).toContain('the name is already taken');
        expect(e.message).toContain(code);
        expect(e.fix).toContain('Choose another name');
      }
    });

    it('409 Conflict (a stale resourceVersion) is not a taken name: someone changed it, run again', () => {
      const e = explainHttpError(409, rancherError(409, 'Conflict', 'the object has been modified; please apply your changes to the latest version'), 'application/json', req, SERVER);

      expect(e.message).toBe('Rancher refused to create the cluster "lab": it was changed by someone else meanwhile (409 Conflict: the object has been modified; please apply your changes to the latest version).');
      expect(e.message).not.toContain('already taken');
      expect(e.fix).toContain('Run the same command again');
    });

    it('a non-JSON answer means the URL is not Rancher', () => {
      const e = explainHttpError(404, '<html>', 'text/html', { method: 'GET', path: '/v1/x' }, SERVER);

      expect(e.message).toContain('does not look like Rancher');
      expect(e.fix).toContain('server-url');
      expect(explainHttpError(200, '<html>', 'text/html', { method: 'GET', path: '/v1/x' }, SERVER).message).toContain('answered 200 with text/html');
    });

    it('5xx: Rancher failed, try again, check its health', () => {
      const e = explainHttpError(503, rancherError(503, 'ServiceUnavailable', 'busy'), 'application/json', req, SERVER);

      expect(e.message).toBe('Rancher failed to create the cluster "lab" (503 ServiceUnavailable: busy).');
      expect(e.fix).toContain('health');
    });

    it('other statuses keep Rancher\'s code and message', () => {
      expect(explainHttpError(422, rancherError(422, 'InvalidFormat', 'bad name'), 'application/json', req, SERVER).message)
        .toBe('Rancher refused to create the cluster "lab" (422 InvalidFormat: bad name).');
      expect(explainHttpError(404, rancherError(404, 'NotFound', 'gone'), 'application/json', { method: 'GET', path: '/v1/x' }, SERVER).message)
        .toBe('Not found (GET /v1/x: gone).');
      expect(explainHttpError(429, {}, 'application/json', req, SERVER).fix).toContain('Wait');
    });
  });

  it('formatError prints message, details and fix', () => {
    expect(formatError(new CliError(EXIT.USAGE, 'Bad.', { fix: 'Do this.', details: ['one', 'two'] }))).toBe('Error: Bad.\n  one\n  two\nFix: Do this.\n');
    expect(formatError(new CliError(EXIT.ERROR, 'Plain.'))).toBe('Error: Plain.\n');
  });
});
