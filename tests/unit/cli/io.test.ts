import { PassThrough } from 'stream';
import {
  MASK, redact, redactingIo, stdinLineReader, type Io
} from '../../../cli/io';

/** A redacting Io over one that keeps what was written. */
function capturedIo() {
  const written = { out: '', err: '' };
  const base: Io = {
    stdout: (s) => {
      written.out += s;
    },
    stderr: (s) => {
      written.err += s;
    },
    readLine: async() => null,
    env:      {},
    now:      () => 0,
    sleep:    async() => undefined,
  };

  return { io: redactingIo(base), written };
}

describe('cli: io', () => {
  it('redact masks each secret and the secret half of a name:secret token', () => {
    const token = 'token-abcde:s3cr3tvalue123';

    expect(redact(`Bearer ${ token } and ${ token.split(':')[1] }`, [token])).toBe(`Bearer ${ MASK } and ${ MASK }`);
    expect(redact('token-abcde is a name, not a secret', [token])).toBe('token-abcde is a name, not a secret');
    expect(redact('abc', ['', 'ab'])).toBe('abc'); // too short to be a secret: no masking noise
  });

  it('redactingIo masks everything written, including secrets added later', () => {
    const { io, written } = capturedIo();

    io.stdout('before: supersecret\n');
    io.addSecret('supersecret');
    io.addSecret(undefined);
    io.stdout('after: supersecret\n');
    io.stderr('err: supersecret\n');
    expect(written.out).toBe(`before: supersecret\nafter: ${ MASK }\n`);
    expect(written.err).toBe(`err: ${ MASK }\n`);
  });

  it('redactingIo writes no terminal control, keeps tab and line feed, and masks a secret split by one', () => {
    const { io, written } = capturedIo();

    io.addSecret('supersecret');
    io.stdout('esc\u001b[2J\u001b]0;pwned\u0007…\tok\n');
    io.stderr('Error: Rancher said: super\u001b[0msecret\u009b\r\n');
    expect(written.out).toBe('esc…\tok\n');
    expect(written.err).toBe(`Error: Rancher said: ${ MASK }\n`);
  });

  it('stdinLineReader returns lines one by one, the last line without newline, then null', async() => {
    const stream = new PassThrough();
    const readLine = stdinLineReader(stream);

    stream.write('first\r\nsec');
    const first = await readLine();

    stream.end('ond\nlast');
    expect(first).toBe('first');
    expect(await readLine()).toBe('second');
    expect(await readLine()).toBe('last');
    expect(await readLine()).toBeNull();
  });
});
