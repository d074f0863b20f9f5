import { execFile } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * The real kubectl (v1.32, `/usr/bin/kubectl` on these machines) against simulated Harvester
 * clusters. Missing kubectl fails loudly: the tests never skip what they cannot run.
 */
export function kubectlBinary(): string {
  const binary = process.env.KUBECTL || '/usr/bin/kubectl';

  if (!existsSync(binary)) {
    throw new Error(`kubectl not found at ${ binary }: these tests run the real kubectl. Install it (Debian: apt-get install kubectl) or set KUBECTL to its path.`);
  }

  return binary;
}

export interface RunResult { code: number, stdout: string, stderr: string }

/** A HOME and a kubeconfig file for one simulated Harvester (kubectl's discovery cache lives in HOME). */
export async function harvesterKubeconfig(simUrl: string, harvester: string): Promise<{ kubeconfig: string, home: string }> {
  const dir = mkdtempSync(join(tmpdir(), `kubectl-${ harvester }-`));
  const res = await fetch(`${ simUrl }/sim/harvester/${ harvester }/kubeconfig`);

  if (res.status !== 200) {
    throw new Error(`kubeconfig of ${ harvester }: ${ res.status } ${ await res.text() }`);
  }
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  const home = join(dir, 'home');

  writeFileSync(kubeconfig, await res.text(), { mode: 0o600 });
  mkdirSync(home);

  return { kubeconfig, home };
}

function run(file: string, args: string[], env: { kubeconfig: string, home: string }, input?: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, {
      env: {
        PATH: process.env.PATH, HOME: env.home, KUBECONFIG: env.kubeconfig,
      },
      timeout: timeoutMs,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;

      resolve({
        code, stdout: String(stdout), stderr: String(stderr)
      });
    });

    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

export function kubectl(args: string[], env: { kubeconfig: string, home: string }, input?: string): Promise<RunResult> {
  return run(kubectlBinary(), args, env, input);
}

/** A command line as a user pastes it into a shell on the Harvester node (pipes included). */
export function shell(command: string, env: { kubeconfig: string, home: string }): Promise<RunResult> {
  kubectlBinary();

  return run('/bin/sh', ['-c', command], env);
}
