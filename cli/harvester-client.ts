import {
  ApiException, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions
} from '@kubernetes/client-node';
import { HARVESTER_REGISTRATION_SETTING } from '../pkg/harvester-manager/domain';
import { failure, usageError } from './errors';
import type { HarvesterApi, HarvesterTarget } from './harvester-api';

// Harvester's Kubernetes API through @kubernetes/client-node: read the version, read and write
// the `cluster-registration-url` setting (settings.harvesterhci.io/v1beta1, cluster-scoped).

const GROUP = 'harvesterhci.io';
const VERSION = 'v1beta1';
const PLURAL = 'settings';

interface SettingObject {
  value?: string;
}

function explain(e: unknown, server: string, what: string): Error {
  if (e instanceof ApiException) {
    let message = '';

    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;

      message = body?.message || '';
    } catch {
      message = String(e.body || '').slice(0, 200);
    }
    if (e.code === 401) {
      return failure(`Harvester at ${ server } rejected the kubeconfig's credentials while trying to ${ what } (401).`, 'Download a fresh kubeconfig from Harvester (Support > Download KubeConfig).');
    }
    if (e.code === 403) {
      return failure(`Harvester at ${ server } refused to ${ what } (403${ message ? `: ${ message }` : '' }).`, 'Use a kubeconfig of a Harvester administrator.');
    }
    if (e.code === 404) {
      return failure(`No Harvester at ${ server }: trying to ${ what } got 404${ message ? ` (${ message })` : '' }.`, 'Check that --harvester-kubeconfig points at a Harvester cluster, not at another Kubernetes cluster.');
    }

    return failure(`Harvester at ${ server } refused to ${ what } (${ e.code }${ message ? `: ${ message }` : '' }).`);
  }

  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code || err.cause?.code || '';

  if (/HTTP protocol is not allowed/i.test(err.message || '')) {
    return failure(`The kubeconfig points at ${ server } over plain HTTP, which @kubernetes/client-node only allows with TLS verification off.`, 'Use the https:// address of Harvester, or set insecure-skip-tls-verify: true in the kubeconfig\'s cluster entry.');
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate/i.test(err.message || '')) {
    return failure(`Cannot verify Harvester's TLS certificate at ${ server } (${ err.message }).`, 'Use the kubeconfig Harvester generates (it carries the CA), or add certificate-authority-data to it.');
  }

  return failure(`Cannot reach Harvester at ${ server } to ${ what }: ${ err.message || code || 'unknown error' }.`, 'Check the server address in --harvester-kubeconfig and that this machine can reach it.');
}

export class HarvesterClient implements HarvesterApi {
  private constructor(private api: CustomObjectsApi, readonly server: string) {}

  static async open(target: HarvesterTarget): Promise<HarvesterClient> {
    const kc = new KubeConfig();

    try {
      kc.loadFromFile(target.kubeconfig);
    } catch (e) {
      throw usageError(`Cannot read --harvester-kubeconfig ${ target.kubeconfig }: ${ (e as Error).message }`, 'Pass the kubeconfig file of the Harvester cluster (Harvester UI: Support > Download KubeConfig).');
    }
    if (target.context) {
      if (!kc.getContextObject(target.context)) {
        throw usageError(`Context "${ target.context }" is not in ${ target.kubeconfig }.`, `Known contexts: ${ kc.getContexts().map((c) => c.name).join(', ') || 'none' }.`);
      }
      kc.setCurrentContext(target.context);
    }

    const cluster = kc.getCurrentCluster();

    if (!cluster?.server) {
      throw usageError(`--harvester-kubeconfig ${ target.kubeconfig } names no cluster server.`, 'Pass the kubeconfig file of the Harvester cluster.');
    }

    return new HarvesterClient(kc.makeApiClient(CustomObjectsApi), cluster.server);
  }

  private async getSetting(name: string): Promise<SettingObject> {
    try {
      return await this.api.getClusterCustomObject({
        group: GROUP, version: VERSION, plural: PLURAL, name,
      }) as SettingObject;
    } catch (e) {
      throw explain(e, this.server, `read setting ${ name }`);
    }
  }

  async serverVersion(): Promise<string | undefined> {
    const value = (await this.getSetting('server-version')).value;

    return typeof value === 'string' && value ? value : undefined;
  }

  async registrationSetting(): Promise<string> {
    return (await this.getSetting(HARVESTER_REGISTRATION_SETTING)).value || '';
  }

  async setRegistrationSetting(value: string): Promise<void> {
    try {
      await this.api.patchClusterCustomObject({
        group: GROUP, version: VERSION, plural: PLURAL, name: HARVESTER_REGISTRATION_SETTING, body: { value },
      }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    } catch (e) {
      throw explain(e, this.server, `set ${ HARVESTER_REGISTRATION_SETTING }`);
    }
  }
}
