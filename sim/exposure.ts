/**
 * The simulator's logins (admin, …) have a documented password. Listening beyond loopback
 * (HOST=0.0.0.0 for `npm start`, SIM_HOST for `npm run sim`) lets anyone who reaches this
 * machine log in as admin, so the start says so where it cannot be missed.
 */
export function isLoopbackListenHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The warning to print at start, or undefined when only this machine can connect. */
export function exposureWarning(opts: { host: string, port: number, what: string, customPassword: boolean }): string | undefined {
  if (isLoopbackListenHost(opts.host)) {
    return undefined;
  }
  const everywhere = opts.host === '0.0.0.0' || opts.host === '::' || opts.host === '';
  const where = everywhere ? 'every network interface' : opts.host;
  const password = opts.customPassword ? 'the password in SIM_PASSWORD' : 'the documented password';
  const lines = [
    `WARNING: ${ opts.what } listens on ${ where } (port ${ opts.port }), not only on 127.0.0.1.`,
    `Anyone who can reach this machine can log in as admin with ${ password }`,
    'and read or change everything the simulator holds. Unset HOST / SIM_HOST to keep it local.',
  ];
  const rule = '!'.repeat(Math.max(...lines.map((l) => l.length)) + 4);

  return [rule, ...lines.map((l) => `! ${ l.padEnd(rule.length - 4) } !`), rule].join('\n');
}
