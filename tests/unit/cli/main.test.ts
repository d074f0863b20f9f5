import { run } from '../../../cli/main';
import type { Io } from '../../../cli/io';

// The command line grammar and exit codes, without any server (nothing here may reach the network).

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readLine: async() => null,
    env,
    now:      () => 0,
    sleep:    async() => undefined,
  };
  const code = await run(argv, io);

  return {
    code, stdout, stderr
  };
}

describe('cli: main', () => {
  it('prints help with exit 0, and exit 2 without a command', async() => {
    const help = await cli(['--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: harvester-manager');
    expect(help.stdout).toMatch(/import \[options\] <name>/);
    expect(help.stdout).toContain('0 ok   1 error   2 usage');
    expect((await cli(['delete', '--help'])).stdout).toContain('--dry-run');
    expect((await cli([])).code).toBe(2);
  });

  it.each([
    [['frobnicate']],
    [['list', '--bogus']],
    [['list', '-o', 'xml']],
    [['import']],
    [['status', 'a', 'b']],
    [['import', 'UPPER']],
    [['import', 'ok', '--timeout', 'forever']],
    [['import', 'ok', '--label', 'x']],
    [['import', 'ok', '--replace-registration-url']],
    [['import', 'ok', '--registration-insecure']],
    [['list', '--page-size', 'many']],
    [['list']],
  ])('%j is a usage error (exit 2)', async(argv) => {
    expect((await cli(argv, argv[0] === 'list' && argv.length === 1 ? {} : { RANCHER_URL: 'http://127.0.0.1:1', RANCHER_TOKEN: 'token-x:y' })).code).toBe(2);
  });

  it('never prints a token given on the command line, even in errors', async() => {
    const res = await cli(['list', '--token', 'token-abc:verysecretvalue', '--server', 'not a url']);

    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).not.toContain('verysecretvalue');
  });
});
