import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { ServiceProcess } from './service-process';

/**
 * `npm start` (serve/main.ts) as its own process, as a user runs it: the real dashboard and the
 * extension behind the front server, the simulator embedded with its state in a fresh folder.
 */
export class ProductProcess {
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'harvester-manager-'));
  private readonly process: ServiceProcess;

  constructor(env: Record<string, string> = {}) {
    this.process = new ServiceProcess('serve/main.ts', {
      PORT: '0', SIM_HARVESTER_API_PORT: '0', SIM_DATA_DIR: this.dataDir, ...env,
    });
  }

  /** The dashboard's URL and the simulator's own (for its `/sim` control API). */
  async start(): Promise<{ url: string, simUrl: string }> {
    const [simUrl, url] = await this.process.start([
      /Rancher simulator: (http:\/\/127\.0\.0\.1:\d+)/,
      /Rancher dashboard with Virtualization Management: (https:\/\/\S+)/,
    ]);

    return { url, simUrl };
  }

  async stop(): Promise<void> {
    await this.process.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
