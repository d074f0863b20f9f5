// The front server against a hostile browser-side peer (issue 17, items 6–9): where a request
// goes, an answer the backend gives before reading the body, the cookies it relays, and who may
// reach the simulator's test-control API through it.
import fs from 'fs';
import os from 'os';
import path from 'path';
import tls from 'tls';
import { startFront, startRecorder } from './support/front';

/** A raw request line over TLS: node's clients cannot send the absolute form. */
function rawRequest(frontUrl: string, lines: string[]): Promise<string> {
  const { hostname, port } = new URL(frontUrl);

  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      socket.write(`${ lines.join('\r\n') }\r\n\r\n`);
    });
    let answer = '';

    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      answer += c;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('integration: the front server only asks its backend, with the path alone', () => {
  it('an absolute-form request (GET http://other-host/v1/uiplugins) goes to the configured backend, never to that host', async() => {
    const backend = await startRecorder();
    const other = await startRecorder();
    const extDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-ext-'));
    const front = await startFront(backend.url, {
      extension: {
        name: 'harvester-manager', version: '9.9.9', dir: extDir, annotations: {}
      }
    });
    const host = new URL(front.url).host;

    try {
      for (const target of [`${ other.url }/v1/uiplugins?x=1`, `${ other.url }/v3/clusters`]) {
        const answer = await rawRequest(front.url, [`GET ${ target } HTTP/1.1`, `Host: ${ host }`, 'Cookie: R_SESS=token-abc:secret', 'Connection: close']);

        expect(answer).toMatch(/^HTTP\/1\.1 200/);
      }
      expect(other.requests).toEqual([]);
      expect(backend.requests.map((r) => [r.url, r.headers.cookie])).toEqual([['/v1/uiplugins?x=1', 'R_SESS=token-abc:secret'], ['/v3/clusters', 'R_SESS=token-abc:secret']]);
    } finally {
      await front.close();
      await backend.close();
      await other.close();
    }
  });
});
