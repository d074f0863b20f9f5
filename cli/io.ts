import { stripTerminalControls } from './terminal-text';

// Where a command reads and writes. `run()` gets one from main (process streams) or from a test
// (buffers). Every write goes through `redactingIo`: terminal controls are removed (text from
// Rancher reaches tables, errors and --verbose logs, and a terminal would obey an escape
// sequence in it), then secrets are masked, so a secret that reaches a message by accident (an
// error echoing a header, a URL with credentials) is still never printed, even split by controls.

export interface Io {
  /** Machine output: the command's result (table, json or yaml). */
  stdout(text: string): void;
  /** Progress, prompts, warnings and errors. */
  stderr(text: string): void;
  /** One line typed by the user (without the newline); null at end of input. */
  readLine(): Promise<string | null>;
  /** stdin is a terminal (the user's Enter ends the prompt line; otherwise we end it). */
  interactive?: boolean;
  env: Record<string, string | undefined>;
  /** Current user's home, for the default config file. */
  home?: string;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const MASK = '********';

/** Replaces every occurrence of each secret (and of the secret part of a `name:secret` token). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;

  for (const secret of secrets) {
    if (!secret || secret.length < 4) {
      continue;
    }
    out = out.split(secret).join(MASK);
    const colon = secret.indexOf(':');

    if (colon > 0 && secret.length - colon > 4) {
      out = out.split(secret.slice(colon + 1)).join(MASK);
    }
  }

  return out;
}

/**
 * Wraps an Io so all output is free of terminal controls (tab and line feed stay) and redacted;
 * `addSecret` registers values learnt later (the token).
 */
export function redactingIo(io: Io): Io & { addSecret(secret: string | undefined): void } {
  const secrets: string[] = [];
  const safe = (text: string) => redact(stripTerminalControls(text), secrets);

  return {
    ...io,
    stdout:    (text) => io.stdout(safe(text)),
    stderr:    (text) => io.stderr(safe(text)),
    addSecret: (secret) => {
      if (secret && !secrets.includes(secret)) {
        secrets.push(secret);
      }
    },
  };
}

/** Reads stdin line by line, lazily (a command that never prompts never touches stdin). */
export function stdinLineReader(stream: NodeJS.ReadableStream = process.stdin): () => Promise<string | null> {
  let buffer = '';
  let ended = false;
  const waiting: Array<() => void> = [];
  let started = false;

  const start = () => {
    started = true;
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      waiting.splice(0).forEach((w) => w());
    });
    stream.on('end', () => {
      ended = true;
      waiting.splice(0).forEach((w) => w());
    });
    stream.on('error', () => {
      ended = true;
      waiting.splice(0).forEach((w) => w());
    });
  };

  return async() => {
    if (!started) {
      start();
    }
    for (;;) {
      const nl = buffer.indexOf('\n');

      if (nl >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');

        buffer = buffer.slice(nl + 1);
        stream.pause?.();

        return line;
      }
      if (ended) {
        const rest = buffer;

        buffer = '';

        return rest || null;
      }
      stream.resume?.();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
}

export function processIo(): Io {
  return {
    stdout:      (text) => process.stdout.write(text),
    stderr:      (text) => process.stderr.write(text),
    readLine:    stdinLineReader(),
    interactive: !!process.stdin.isTTY,
    env:         process.env,
    home:        process.env.HOME || process.env.USERPROFILE,
    now:         () => Date.now(),
    sleep:       (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
