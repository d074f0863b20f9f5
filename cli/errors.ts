// Exit codes (documented in docs/cli.md and `--help`) and the one error type every command throws.
// An error always says what happened and, when there is one, what to do about it.

export const EXIT = {
  OK:        0,
  ERROR:     1,
  USAGE:     2,
  TIMEOUT:   3,
  FORBIDDEN: 4,
} as const;

export type ExitCode = typeof EXIT[keyof typeof EXIT];

export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** What to do about it, one sentence or a command. */
  readonly fix?: string;
  /** Extra lines (e.g. every problem with a name), printed under the message. */
  readonly details: string[];

  constructor(exitCode: ExitCode, message: string, opts: { fix?: string; details?: string[] } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.fix = opts.fix;
    this.details = opts.details || [];
  }
}

export const usageError = (message: string, fix?: string, details?: string[]) => new CliError(EXIT.USAGE, message, { fix, details });
export const failure = (message: string, fix?: string, details?: string[]) => new CliError(EXIT.ERROR, message, { fix, details });
export const forbidden = (message: string, fix?: string) => new CliError(EXIT.FORBIDDEN, message, { fix });
export const timedOut = (message: string, fix?: string, details?: string[]) => new CliError(EXIT.TIMEOUT, message, { fix, details });

export function isCliError(e: unknown): e is CliError {
  return e instanceof CliError;
}

/** The lines printed to stderr for an error. */
export function formatError(e: CliError): string {
  const lines = [`Error: ${ e.message }`, ...e.details.map((d) => `  ${ d }`)];

  if (e.fix) {
    lines.push(`Fix: ${ e.fix }`);
  }

  return `${ lines.join('\n') }\n`;
}
