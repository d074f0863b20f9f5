// Commands we show are pasted into a root shell on a Harvester node: every argument that is not
// plainly safe is quoted, so a URL carrying `$`, `;`, `&`, quotes or backticks stays one word.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX sh quoting of one argument; output round-trips through `sh -c 'printf %s …'`. */
export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) {
    return arg;
  }

  // Inside single quotes nothing is special except the closing quote itself: end the quoted
  // run, add an escaped quote, reopen. Newlines and $ stay literal.
  return `'${ arg.replace(/'/g, `'\\''`) }'`;
}

export function shellCommand(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
