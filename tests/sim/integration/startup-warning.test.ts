// Listening beyond loopback exposes admin with the documented password: `npm run sim` (and
// `npm start`, through the same sim/exposure.ts) says so loudly at start.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { exposureWarning } from '../../../sim/exposure';

const rootDir = path.resolve(__dirname, '../../..');

/** `npm run sim` with `env`, until its ready line; what it wrote to stderr by then (and shortly after). */
function startSim(env: Record<string, string>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-sim-warn-'));
  const child = spawn(process.execPath, [path.join(rootDir, 'node_modules/tsx/dist/cli.mjs'), 'sim/main.ts'], {
    cwd: rootDir,
    env: {
      ...process.env, SIM_PORT: '0', SIM_HARVESTER_API_PORT: '0', SIM_DATA_DIR: dataDir, ...env,
    },
  });
  let stdout = '';
  let stderr = '';

  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });

  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Rancher simulator on/.test(stdout)) {
        clearInterval(timer);
        setTimeout(() => {
          child.kill('SIGTERM');
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve(stderr);
        }, 200);
      }
    }, 50);

    child.once('exit', (code) => {
      clearInterval(timer);
      if (!/Rancher simulator on/.test(stdout)) {
        reject(new Error(`sim exited ${ code }: ${ stderr }`));
      }
    });
  });
}

describe('sim-integration: the start warns when the simulator is reachable from other machines', () => {
  it('SIM_HOST=0.0.0.0: a warning naming admin and the documented password, without the password itself', async() => {
    const stderr = await startSim({ SIM_HOST: '0.0.0.0' });

    expect(stderr).toMatch(/WARNING: The Rancher simulator listens on every network interface/);
    expect(stderr).toMatch(/log in as admin with the documented password/);
    expect(stderr).not.toMatch(/password1234/);
  }, 30_000);

  it('loopback (the default): no warning', async() => {
    expect(await startSim({})).not.toMatch(/WARNING/);
  }, 30_000);

  it('the words: another host is named; a custom password is referred to, never printed', () => {
    expect(exposureWarning({
      host: '127.0.0.1', port: 8005, what: 'x', customPassword: false
    })).toBeUndefined();
    expect(exposureWarning({
      host: '::1', port: 8005, what: 'x', customPassword: false
    })).toBeUndefined();
    const lan = exposureWarning({
      host: '192.168.1.5', port: 8005, what: 'The dashboard', customPassword: true
    }) as string;

    expect(lan).toMatch(/listens on 192\.168\.1\.5 \(port 8005\)/);
    expect(lan).toMatch(/the password in SIM_PASSWORD/);
  });
});
