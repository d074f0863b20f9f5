import { errors } from '../core/api-error';
import { ClusterLifecycle } from '../controllers/cluster-lifecycle';
import type { SimState } from '../state';
import { TYPES } from '../steve/type-catalog';
import { SimulatedHarvester } from './harvester-fleet';
import { parseManifestUrl } from './manifest';

const KUBERNETES_VERSION = 'v1.31.4+rke2r1';

function versionAtLeast(version: string, major: number, minor: number, patch = 0): boolean {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);

  if (!m) {
    return false;
  }
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3] || 0)];

  return a !== major ? a > major : (b !== minor ? b > minor : c >= patch);
}

/**
 * How a Harvester of this version reads its `cluster-registration-url` setting value:
 * harvester/harvester `pkg/settings/settings_helper.go` GetClusterRegistrationURLSetting from
 * v1.8.0 and v1.7.2 (backport) unmarshals `{url, insecureSkipTLSVerify}` and reads anything that
 * is not JSON as a plain URL **with TLS verification skipped**; before, the value is the URL.
 */
export function parseRegistrationSetting(version: string, value: string): { url: string, insecureSkipTLSVerify: boolean } | { error: string } {
  const text = value.trim();
  const readsJson = versionAtLeast(version, 1, 7, 2);

  if (text.startsWith('{')) {
    if (!readsJson) {
      return { error: `Harvester ${ version } expects a plain URL in cluster-registration-url; the JSON form needs Harvester v1.7.2 or later` };
    }
    try {
      const parsed = JSON.parse(text);

      if (typeof parsed?.url !== 'string') {
        return { error: 'the JSON value needs a "url" string' };
      }

      return { url: parsed.url, insecureSkipTLSVerify: parsed.insecureSkipTLSVerify === true };
    } catch (e) {
      return { error: `invalid JSON: ${ (e as Error).message }` };
    }
  }
  try {
    new URL(text); // eslint-disable-line no-new
  } catch {
    return { error: `"${ text }" is not a URL` };
  }

  return { url: text, insecureSkipTLSVerify: readsJson };
}

/**
 * The Harvester side of registration: what running the registration command (or setting
 * `cluster-registration-url`) does on a Harvester cluster, what `kubectl delete -f` does, and
 * what happens to the agent when Rancher removes the cluster.
 */
export class HarvesterRegistration {
  constructor(private state: SimState, private lifecycle: ClusterLifecycle) {
    state.on('cluster-removed', (clusterId: string) => this.uninstallAgent(clusterId));
    state.on('agent-disconnected', (clusterId: string, message?: string) => lifecycle.agentDisconnected(clusterId, message || 'Cluster agent is not connected'));
  }

  /** `kubectl apply -f <manifestUrl>` on a Harvester node. */
  apply(manifestUrl: unknown, harvesterName?: string, via: 'kubectl-apply' | 'registration-url' = 'kubectl-apply'): SimulatedHarvester {
    const { secret, clusterId, serverUrl } = parseManifestUrl(manifestUrl);
    const token = this.lifecycle.findTokenBySecret(secret, clusterId);

    if (!token) {
      throw errors.notFound(`registration manifest not found: no registration token matches ${ String(manifestUrl).replace(secret, '<token>') } (wrong URL, or the cluster was deleted)`);
    }
    const mgmt = this.state.store.get(TYPES.MGMT_CLUSTER, clusterId);
    const fleet = this.state.fleet;
    let harvester: SimulatedHarvester;

    if (harvesterName) {
      const found = fleet.get(harvesterName);

      if (!found) {
        throw errors.notFound(`simulated Harvester cluster "${ harvesterName }" not found`);
      }
      harvester = found;
    } else {
      harvester = fleet.byClusterId(clusterId) || fleet.ensure(fleet.freeName(mgmt?.spec?.displayName || clusterId));
    }
    if (harvester.broken) {
      throw errors.invalid(`Harvester cluster "${ harvester.name }" is broken (${ harvester.broken }); it cannot run the agent`);
    }
    if (!harvester.namespaces.includes('cattle-system')) {
      harvester.namespaces.push('cattle-system');
    }
    harvester.agent = {
      deployment: 'cattle-cluster-agent', namespace: 'cattle-system', serverUrl, clusterId, installedAt: new Date().toISOString(), installedBy: via,
    };
    fleet.record(harvester, `cattle-cluster-agent installed in cattle-system for Rancher cluster ${ clusterId } (${ via })`);
    this.state.markDirty();

    if (this.state.faults.take('agent-never-connects')) {
      fleet.record(harvester, `cattle-cluster-agent cannot connect to ${ serverUrl } (fault injected)`);

      return harvester;
    }
    const version = harvester.settings['server-version'];

    this.state.scheduler.after(this.state.config.harvesterDelayMs, () => {
      if (fleet.get(harvester.name)?.agent?.clusterId === clusterId) {
        fleet.record(harvester, `cattle-cluster-agent connected to ${ serverUrl }`);
        this.lifecycle.agentConnected(clusterId, { harvesterVersion: version, kubernetesVersion: KUBERNETES_VERSION });
      }
    });

    return harvester;
  }

  /** `kubectl delete -f <manifestUrl>`: deletes `cattle-system`, which breaks Harvester. */
  deleteManifest(manifestUrl: unknown, harvesterName?: string): SimulatedHarvester {
    const { clusterId } = parseManifestUrl(manifestUrl);
    const harvester = harvesterName ? this.state.fleet.get(harvesterName) : this.state.fleet.byClusterId(clusterId);

    if (!harvester) {
      throw errors.notFound(`no simulated Harvester cluster runs the agent of ${ clusterId }`);
    }
    harvester.namespaces = harvester.namespaces.filter((n) => n !== 'cattle-system');
    harvester.agent = null;
    harvester.broken = 'namespace cattle-system was deleted by kubectl delete -f; Harvester components that live there are gone';
    this.state.fleet.record(harvester, 'kubectl delete -f: namespace cattle-system deleted; Harvester is broken');
    this.state.markDirty();
    this.lifecycle.agentDisconnected(clusterId, 'Cluster agent is not connected');

    return harvester;
  }

  /** Rancher removed the cluster: the agent uninstalls itself, `cattle-system` stays. */
  uninstallAgent(clusterId: string): void {
    const harvester = this.state.fleet.byClusterId(clusterId);

    if (!harvester) {
      return;
    }
    harvester.agent = null;
    this.state.fleet.record(harvester, `Rancher removed cluster ${ clusterId }: cattle-cluster-agent uninstalled, namespace cattle-system kept`);
    this.state.markDirty();
  }

  /** Harvester's `cluster-registration-url` setting changed: register when it holds a URL. */
  setRegistrationUrl(harvester: SimulatedHarvester, value: string): void {
    if (value.trim() === '') {
      harvester.settings['cluster-registration-url'] = '';
      this.state.fleet.record(harvester, 'cluster-registration-url cleared');

      return;
    }
    const parsed = parseRegistrationSetting(harvester.settings['server-version'], value);

    if ('error' in parsed) {
      throw errors.invalid(`admission webhook "validator.harvesterhci.io" denied the request: cluster-registration-url: ${ parsed.error }`);
    }
    harvester.settings['cluster-registration-url'] = value;
    this.state.fleet.record(harvester, 'cluster-registration-url set');
    try {
      this.apply(parsed.url, harvester.name, 'registration-url');
    } catch (e) {
      // Harvester accepts the setting and its controller fails to fetch the manifest, as on a real cluster.
      this.state.fleet.record(harvester, `registration failed: ${ (e as Error).message }`);
    }
  }
}
