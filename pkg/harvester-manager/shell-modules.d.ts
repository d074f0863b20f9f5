// @rancher/shell modules without type declarations that typed shell code we import pulls in
// (utils/uiplugins.ts imports config/uiplugins.js); without this the extension build fails TS7016.
declare module '@shell/config/uiplugins';

// The shell's provisioning cluster model is JavaScript: these are the members our model
// (models/harvesterhci.io.management.cluster.ts) reads or overrides, as the shell defines them
// (models/provisioning.cattle.io.cluster.js and its base, plugins/dashboard-store/resource-class.js).
declare module '@shell/models/provisioning.cattle.io.cluster' {
  import type { Store } from 'vuex';

  export interface ShellAction {
    action?: string;
    label?: string;
    icon?: string;
    enabled?: boolean;
    divider?: boolean;
    bulkable?: boolean;
    bulkAction?: string;
    weight?: number;
  }

  export default class ProvCluster {
    /** Any field of the Kubernetes object the model was made from. */
    [field: string]: unknown;

    id: string;
    metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: { agentEnvVars?: unknown[] };
    status?: { clusterName?: string };
    $rootGetters: Store<unknown>['getters'];
    t(key: string, args?: Record<string, unknown>, raw?: boolean): string;
    $dispatch(action: string, payload?: unknown): Promise<unknown>;
    currentRouter(): { push(to: unknown): Promise<unknown> };
    goToViewConfig(): unknown;
    get mgmt(): unknown;
    get _availableActions(): ShellAction[];
  }
}
