import { ClusterLifecycle } from '../../../../sim/controllers/cluster-lifecycle';
import { HarvesterRegistration } from '../../../../sim/harvester/registration';
import type { RequestContext } from '../../../../sim/http/context';
import { seed } from '../../../../sim/seed';
import { SimConfig, SimState } from '../../../../sim/state';
import { HookRegistry } from '../../../../sim/steve/hooks';
import { TYPES } from '../../../../sim/steve/type-catalog';
import { KubeObject } from '../../../../sim/store/kube-object';
import { registerRoleTemplateBindingWebhooks } from '../../../../sim/webhook/role-template-bindings';

export const PASSWORD = 'password1234';
export const SERVER_URL = 'https://rancher.example.test';

export interface InMemorySim {
  state: SimState;
  hooks: HookRegistry;
  lifecycle: ClusterLifecycle;
  registration: HarvesterRegistration;
  /** Seeded user id by username (`admin` → `user-admin`, others `u-xxxxx`). */
  userId(username: string): string;
  /** The management cluster id of a seeded provisioning cluster (`harvester-prod` → `c-m-…`). */
  clusterId(provName: string): string;
  /** A minimal request context for hooks (what the Steve route passes). */
  ctx(username: string): RequestContext;
  close(): void;
}

/** SimState + ClusterLifecycle + HarvesterRegistration + seed(), wired like startSimulator, no HTTP. */
export function buildInMemorySim(config: Partial<SimConfig> = {}, dataDir: string | null = null): InMemorySim {
  const state = new SimState({
    serverUrl: SERVER_URL, harvesterDelayMs: 20, deleteDelayMs: 20, rancherVersion: 'v2.12.3', ...config,
  }, dataDir);
  const hooks = new HookRegistry();
  const lifecycle = new ClusterLifecycle(state);

  lifecycle.register(hooks);
  registerRoleTemplateBindingWebhooks(hooks, state);
  const registration = new HarvesterRegistration(state, lifecycle);

  seed(state, lifecycle, { password: PASSWORD });

  const userId = (username: string): string => {
    const user = state.findUserByUsername(username);

    if (!user) {
      throw new Error(`no seeded user ${ username }`);
    }

    return user.metadata.name;
  };

  return {
    state,
    hooks,
    lifecycle,
    registration,
    userId,
    clusterId(provName: string): string {
      const prov = state.store.list(TYPES.PROV_CLUSTER).find((p) => p.metadata.name === provName);

      if (!prov?.status?.clusterName) {
        throw new Error(`no provisioning cluster ${ provName }`);
      }

      return prov.status.clusterName;
    },
    ctx(username: string): RequestContext {
      const user = state.store.get(TYPES.USER, userId(username)) as KubeObject;

      return {
        origin: 'http://sim.test', wsOrigin: 'ws://sim.test', user, access: state.authorizer.accessFor(user.metadata.name), viaCookie: false,
      };
    },
    close: () => state.close(),
  };
}

/** Every stored object keyed `type|id`, for before/after comparisons. */
export function storeIndex(state: SimState): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  const snap = state.store.snapshot();

  for (const [type, objects] of Object.entries(snap.tables)) {
    for (const obj of objects) {
      out.set(`${ type }|${ obj.metadata.namespace ? `${ obj.metadata.namespace }/` : '' }${ obj.metadata.name }`, obj);
    }
  }

  return out;
}
