// What the CLI needs from a Harvester cluster's own Kubernetes API. The implementation on
// @kubernetes/client-node (harvester-client.ts) is loaded only when --harvester-kubeconfig is
// used: that package is ESM-only, and most runs never touch Harvester.

export interface HarvesterApi {
  /** The API server address from the kubeconfig, for messages. */
  readonly server: string;
  /** Harvester's `server-version` setting, e.g. `v1.4.1`. */
  serverVersion(): Promise<string | undefined>;
  /** Current value of `cluster-registration-url` ('' when unset). */
  registrationSetting(): Promise<string>;
  setRegistrationSetting(value: string): Promise<void>;
}

export interface HarvesterTarget {
  kubeconfig: string;
  context?: string;
}

export type OpenHarvester = (target: HarvesterTarget) => Promise<HarvesterApi>;

export const openHarvesterWithClientNode: OpenHarvester = async(target) => {
  // require, not import(): the launcher's TypeScript hook is a CommonJS one.
  const { HarvesterClient } = require('./harvester-client') as typeof import('./harvester-client');

  return HarvesterClient.open(target);
};
