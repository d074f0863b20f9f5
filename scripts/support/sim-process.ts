import { ChildProcess, spawn } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The simulator as its own process (`sim/main.ts`), so a test can SIGKILL it and start it again
 * on the same data directory. Ports are picked freely, so test files can run side by side.
 */
export class SimProcess {
  private child?: ChildProcess;

  constructor(private readonly env: Record<string, string>) {}

  /** Start and resolve with the simulator's URL once it listens. */
  start(): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      // Node itself with tsx's loader (not the tsx wrapper): SIGKILL must hit the simulator process.
      const proc = spawn(process.execPath, ['--import', 'tsx', 'sim/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env, SIM_PORT: '0', SIM_HARVESTER_API_PORT: '0', ...this.env
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';

      this.child = proc;
      proc.stdout?.on('data', (chunk) => {
        out += chunk;
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);

        if (m) {
          resolve(m[1]);
        }
      });
      proc.once('exit', (code) => reject(new Error(`simulator exited early (${ code }): ${ out }`)));
    });
  }

  /** SIGKILL now, without waiting (from inside a burst of requests). */
  signalKill(): void {
    this.child?.kill('SIGKILL');
  }

  /** SIGKILL and wait until the process is gone (at once when it already is). */
  async kill(): Promise<void> {
    const proc = this.child;

    if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => proc.once('exit', resolve));

    proc.kill('SIGKILL');
    await exited;
  }
}
