import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import axios from 'axios';
import https from 'https';
import { parse } from 'yaml';
import { run } from '../../../cli/main';
import type { HarvesterApi, OpenHarvester } from '../../../cli/harvester-api';
import type { Io } from '../../../cli/io';
import type { Simulator } from '../../../sim/server';
import { PASSWORD, startTestSim } from './sim-client';
import { INSTALLED_CLI_FILE } from './install-cli';

// The CLI against a fresh simulator: `cli(...)` runs it in-process (fast), `spawnCli(...)` runs
// the command installed from the cli/ package's tarball (support/install-cli.ts) with plain node.
// Every run asserts that the API token never reaches stdout or stderr.

export const ROOT = join(__dirname, '../../..');
/** The installed `harvester-manager` (npm install -g of the packed cli/ package). */
export function installedCli(): string {
  return JSON.parse(readFileSync(INSTALLED_CLI_FILE, 'utf8')).bin;
}
export { PASSWORD };
export type Username = 'admin' | 'project-owner' | 'project-readonly' | 'no-access' | 'standard-user';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  user?: Username;
  /** Lines typed on stdin. */
  stdin?: string[];
  env?: Record<string, string | undefined>;
  /** Leave RANCHER_URL / RANCHER_TOKEN out of the environment. */
  noConnectionEnv?: boolean;
}

/**
 * A stand-in for the @kubernetes/client-node implementation (which jest cannot load: the package
 * is ESM-only) that speaks the same Kubernetes API to the simulated Harvester as a kubeconfig
 * user: its server, CA and bearer token come from the kubeconfig, the setting is written with a
 * JSON merge patch. The spawned tests use the real implementation.
 */
export const openHarvesterWithKubeconfig: OpenHarvester = async({ kubeconfig, context }) => {
  const doc = parse(readFileSync(kubeconfig, 'utf8'));
  const ctxName = context || doc['current-context'];
  const ctx = doc.contexts.find((c: { name: string }) => c.name === ctxName).context;
  const cluster = doc.clusters.find((c: { name: string }) => c.name === ctx.cluster).cluster;
  const token = doc.users.find((u: { name: string }) => u.name === ctx.user)?.user?.token;
  const server: string = cluster.server;
  const client = axios.create({
    headers:    token ? { Authorization: `Bearer ${ token }` } : {},
    httpsAgent: new https.Agent(cluster['certificate-authority-data'] ? { ca: Buffer.from(cluster['certificate-authority-data'], 'base64') } : { rejectUnauthorized: !cluster['insecure-skip-tls-verify'] }),
  });
  const setting = (name: string) => `${ server }/apis/harvesterhci.io/v1beta1/settings/${ name }`;
  const api: HarvesterApi = {
    server,
    serverVersion:          async() => (await client.get(setting('server-version'))).data.value,
    registrationSetting:    async() => (await client.get(setting('cluster-registration-url'))).data.value || '',
    setRegistrationSetting: async(value) => {
      await client.patch(setting('cluster-registration-url'), { value }, { headers: { 'Content-Type': 'application/merge-patch+json' } });
    },
  };

  return api;
};

export class CliSim {
  readonly tokens = new Map<Username, string>();
  private tmp = mkdtempSync(join(tmpdir(), 'hm-cli-'));

  private constructor(readonly sim: Simulator) {}

  static async start(opts: { harvesterDelayMs?: number; deleteDelayMs?: number; rancherVersion?: string; uiSqlCache?: boolean } = {}): Promise<CliSim> {
    const sim = await startTestSim({
      harvesterDelayMs: opts.harvesterDelayMs ?? 100,
      deleteDelayMs:    opts.deleteDelayMs ?? 100,
      rancherVersion:   opts.rancherVersion,
      uiSqlCache:       opts.uiSqlCache,
      connectedCheckMs: 100,
    });

    return new CliSim(sim);
  }

  get url(): string {
    return this.sim.url;
  }

  async close(): Promise<void> {
    await this.sim.close();
    rmSync(this.tmp, { recursive: true, force: true });
  }

  async token(user: Username = 'admin'): Promise<string> {
    if (!this.tokens.has(user)) {
      const res = await axios.post(`${ this.url }/v1-public/login`, {
        type: 'localProvider', username: user, password: PASSWORD, responseType: 'json',
      });

      this.tokens.set(user, res.data.token);
    }

    return this.tokens.get(user) as string;
  }

  async env(opts: RunOptions): Promise<Record<string, string | undefined>> {
    return {
      ...(opts.noConnectionEnv ? {} : { RANCHER_URL: this.url, RANCHER_TOKEN: await this.token(opts.user) }),
      ...opts.env,
    };
  }

  private checkNoSecrets(result: CliResult): CliResult {
    for (const token of this.tokens.values()) {
      const secret = token.split(':')[1];

      if (result.stdout.includes(secret) || result.stderr.includes(secret)) {
        throw new Error(`the API token was printed:\n${ result.stdout }\n${ result.stderr }`);
      }
    }

    return result;
  }

  /** The CLI in this process (`run(argv, io)`). */
  async cli(argv: string[], opts: RunOptions = {}): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    const lines = [...(opts.stdin || [])];
    const io: Io = {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      readLine: async() => (lines.length ? lines.shift() as string : null),
      env:      await this.env(opts),
      now:      () => Date.now(),
      sleep:    (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    const code = await run(argv, io, { openHarvester: openHarvesterWithKubeconfig });

    return this.checkNoSecrets({
      code, stdout, stderr
    });
  }

  /** The installed command, as a user runs it: its own process, in a folder outside the repository. */
  async spawnCli(argv: string[], opts: RunOptions = {}): Promise<CliResult> {
    const env = {
      PATH: process.env.PATH, HOME: this.tmp, ...(await this.env(opts))
    } as NodeJS.ProcessEnv;
    const child = spawn(installedCli(), argv, {
      cwd: this.tmp, env, stdio: ['pipe', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';

    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdin.end((opts.stdin || []).map((l) => `${ l }\n`).join(''));
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));

    return this.checkNoSecrets({
      code, stdout, stderr
    });
  }

  /** Waits until the simulated controllers have nothing scheduled (registrations, deletes). */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;

    while ((await axios.get(`${ this.url }/sim/state`)).data.pendingTimers > 0) {
      if (Date.now() > deadline) {
        throw new Error('the simulator did not settle');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** GET /sim/state (after the controllers settled) without the fields that move by themselves. */
  async state(): Promise<Record<string, unknown>> {
    await this.settle();
    const { data } = await axios.get(`${ this.url }/sim/state`);

    return {
      revision: data.revision, clusters: data.clusters, managementClusters: data.managementClusters, tokens: data.tokens, harvesters: data.harvesters,
    };
  }

  async harvester(name: string): Promise<{ namespaces: string[]; agent: { clusterId: string } | null; settings: Record<string, string> }> {
    return (await axios.get(`${ this.url }/sim/harvester/${ name }`)).data;
  }

  /** A simulated Harvester cluster and its admin kubeconfig, as `GET /sim/harvester/<name>/kubeconfig` serves it. */
  async createHarvester(name: string, version: string): Promise<string> {
    await axios.post(`${ this.url }/sim/harvester`, { name, version });

    return this.writeFile(`${ name }.kubeconfig`, (await axios.get(`${ this.url }/sim/harvester/${ name }/kubeconfig`, { responseType: 'text' })).data);
  }

  writeKubeconfig(name: string, server: string): string {
    const path = join(this.tmp, `${ name }.kubeconfig`);

    writeFileSync(path, [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${ name }`,
      '  cluster:',
      `    server: ${ server }`,
      '    insecure-skip-tls-verify: true',
      'users:',
      '- name: admin',
      '  user:',
      '    token: not-checked-by-the-simulator',
      'contexts:',
      `- name: ${ name }`,
      `  context: {cluster: ${ name }, user: admin}`,
      `current-context: ${ name }`,
      '',
    ].join('\n'));

    return path;
  }

  writeFile(name: string, content: string): string {
    const path = join(this.tmp, name);

    writeFileSync(path, content);

    return path;
  }

  /** A cluster that is not Harvester, made through Steve as Rancher 2.10's UI would. */
  async createOtherCluster(name: string): Promise<void> {
    await axios.post(`${ this.url }/v1/provisioning.cattle.io.clusters`, {
      type:     'provisioning.cattle.io.cluster',
      metadata: {
        name, namespace: 'fleet-default', labels: { 'provider.cattle.io': 'rke2' }
      },
      spec: {},
    }, { headers: { Authorization: `Bearer ${ await this.token('admin') }` } });
  }
}
