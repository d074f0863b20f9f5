import { ChildProcess, spawn } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');

/**
 * One of the project's entry points (`sim/main.ts`, `serve/main.ts`) as its own process, the way
 * a user runs it: tests and the bench drive it over HTTP and can SIGKILL it, and importing none of
 * its code keeps them honest about what they measure.
 */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(private readonly script: string, private readonly env: Record<string, string>) {}

  /** Start; resolve with the first group of each pattern once the output has shown them all. */
  start(ready: readonly RegExp[]): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      // Node itself with tsx's loader (not the tsx wrapper): a signal must reach the service.
      const proc = spawn(process.execPath, ['--import', 'tsx', this.script], {
        cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const check = () => {
        const found = ready.map((re) => re.exec(out)?.[1]);

        if (found.every((v) => v !== undefined)) {
          resolve(found as string[]);
        }
      };

      this.child = proc;
      proc.stdout?.on('data', (chunk) => {
        out += chunk;
        check();
      });
      proc.stderr?.on('data', (chunk) => {
        out += chunk;
      });
      proc.once('exit', (code) => reject(new Error(`${ this.script } exited early (${ code }): ${ out.slice(-2000) }`)));
    });
  }

  /** SIGKILL now, without waiting (from inside a burst of requests). */
  signalKill(): void {
    this.child?.kill('SIGKILL');
  }

  /** SIGKILL and wait until the process is gone (at once when it already is). */
  kill(): Promise<void> {
    return this.stopWith('SIGKILL');
  }

  /** SIGTERM (the entry point closes what it opened) and wait until the process is gone. */
  stop(): Promise<void> {
    return this.stopWith('SIGTERM');
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    const proc = this.child;

    if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => proc.once('exit', resolve));

    proc.kill(signal);
    await exited;
  }
}
