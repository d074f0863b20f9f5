import { ServiceProcess } from './service-process';

/**
 * The simulator as its own process (`sim/main.ts`, `npm run sim`), so a test can SIGKILL it and
 * start it again on the same data directory. Ports are picked freely, so test files can run side by side.
 */
export class SimProcess {
  private readonly process: ServiceProcess;

  constructor(env: Record<string, string>) {
    this.process = new ServiceProcess('sim/main.ts', {
      SIM_PORT: '0', SIM_HARVESTER_API_PORT: '0', ...env
    });
  }

  /** Start and resolve with the simulator's URL once it listens. */
  async start(): Promise<string> {
    const [url] = await this.process.start([/on (http:\/\/127\.0\.0\.1:\d+)/]);

    return url;
  }

  signalKill(): void {
    this.process.signalKill();
  }

  kill(): Promise<void> {
    return this.process.kill();
  }
}
