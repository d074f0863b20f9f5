// A small stand-in for the shell's vuex store: the `management` (Steve) and `rancher` (Norman)
// getters the views and models read, store-backed model instances, and a recording dispatch.
import { reactive } from 'vue';
import ProvCluster from '@shell/models/provisioning.cattle.io.cluster';
import MgmtCluster from '@shell/models/management.cattle.io.cluster';
import HarvesterCluster from '@pkg/harvester-manager/models/harvesterhci.io.management.cluster';
import {
  harvesterClusters, type ManagementCluster, type ObjectMeta, type ProvisioningCluster, type ResourceState, type Schema, MANAGEMENT_CLUSTER, PROVISIONING_CLUSTER,
} from '@pkg/harvester-manager/domain';
import { HARVESTER_CLUSTER_TYPE } from '@pkg/harvester-manager/config/constants';
import { parseListQuery } from '../../../sim/steve/list-query';
import { filterAndSort, paginate } from '../../../sim/steve/list-eval';

import type { KubeObject } from '../../../sim/store/kube-object';
import { translate } from './wrappers';

/** Filter, sort and paginate an already-authorised list, as the simulator's Steve answers it. */
const listPage = (objects: Parameters<typeof filterAndSort>[0], query: Parameters<typeof filterAndSort>[1]) => paginate(filterAndSort(objects, query), query);

// clipboard-polyfill is an optional dependency of the shell that is not installed; the shell's own
// tests mock this module the same way.
jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));

/**
 * A dispatch handler. It is given whatever the view dispatched, so each handler declares the
 * payload fields it reads (`never`: a handler of any payload type is one).
 */
export type ActionHandler = (payload: never) => unknown;

/** An object the store holds or serves: a plain Rancher object or a model instance. */
export interface StoreObject {
  id: string;
  type?: string;
  [field: string]: unknown;
}

/** One entry of a model's action menu (`availableActions`, `_availableActions`). */
export interface ModelAction {
  action: string;
  label?: string;
  enabled?: boolean;
  divider?: boolean;
  bulkable?: boolean;
  bulkAction?: string;
  altAction?: string;
}

/**
 * A HarvesterCluster model. The model class is JavaScript on the shell's resource machinery (no
 * type declarations), so this names the members the tests read and call.
 */
export interface ClusterModel extends ProvisioningCluster {
  id: string;
  metadata: ObjectMeta;
  spec: NonNullable<ProvisioningCluster['spec']>;
  labels: Record<string, string>;
  systemLabels: string[];
  isHarvester: boolean;
  harvesterNotFound?: boolean;
  managementId: string;
  nameDisplay: string;
  state: string;
  stateDisplay: string;
  stateBackground: string;
  stateDescription: string;
  stateObj: ResourceState;
  kubernetesVersion: string;
  machineCount: number;
  canExplore: boolean;
  canEdit: boolean;
  canDelete: boolean;
  availableActions: ModelAction[];
  _availableActions: ModelAction[];
  disableResourceDetailDrawer: boolean;
  detailLocation: { name: string; params: Record<string, string> };
  doneOverride: { name: string; params?: Record<string, string> };
  promptRemove(resources?: unknown[]): void;
  showConfiguration(): void;
}

export interface FakeStoreOptions {
  provs?: ProvisioningCluster[];
  mgmts?: ManagementCluster[];
  /** Steve schemas by id */
  schemas?: Schema[];
  /** Norman schemas by id */
  normanSchemas?: Schema[];
  settings?: Record<string, string>;
  /** dispatch handlers by action name; unhandled actions resolve undefined */
  actions?: Record<string, ActionHandler>;
  headers?: Record<string, unknown>[];
  /** Steve list requests (`/v1/<type>s?…`) fail with this */
  listError?: Record<string, unknown>;
  /** The clusters are only on the server (Steve lists), not in the store's caches: what a paged list sees. */
  serverOnly?: boolean;
}

export interface FakeStore {
  getters: Record<string, unknown>;
  dispatch: jest.Mock;
  commit: jest.Mock;
  /** the objects the `management` getters serve, by type */
  state: Record<string, StoreObject[]>;
  /** replace the provisioning/management clusters (as a websocket update would) */
  load(provs: ProvisioningCluster[], mgmts: ManagementCluster[]): void;
  /** the HarvesterCluster model for a provisioning cluster id */
  cluster(id: string): ClusterModel;
  /** a new HarvesterCluster model bound to this store (what ResourceDetail creates for a form) */
  newModel(data: Record<string, unknown>): ClusterModel;
}

const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o));

export function fakeStore(opts: FakeStoreOptions = {}): FakeStore {
  // reactive like vuex state, so views recompute when a test "receives" a websocket update
  const state = reactive<Record<string, StoreObject[]>>({});
  /** the plain objects Steve would serve, by type */
  const raw: Record<string, (ProvisioningCluster | ManagementCluster)[]> = {};
  const schemas = new Map((opts.schemas || []).map((s) => [s.id, s]));
  const normanSchemas = new Map((opts.normanSchemas || []).map((s) => [s.id, s]));
  const getters = {
    'management/all':       (type: string) => state[type] || [],
    'management/byId':      (type: string, id: string) => (state[type] || []).find((o) => o.id === id),
    'management/schemaFor': (id: string) => schemas.get(id),
    'rancher/schemaFor':    (id: string) => normanSchemas.get(id),
    /** Norman objects the shell's components fetched (principals): none unless a test puts them there. */
    'rancher/byId':         (_type: string, _id: string): unknown => undefined,
    'i18n/t':               translate,
    'type-map/optionsFor':  () => ({
      isEditable: true, isRemovable: true, isCreatable: true, canYaml: false,
    }),
    'type-map/headersFor':    () => opts.headers || [],
    'type-map/labelFor':      () => 'Harvester Cluster',
    'type-map/hasCustomEdit': () => true,
    'type-map/isSpoofed':     (type: string) => type === HARVESTER_CLUSTER_TYPE,
    currentProduct:           { name: 'harvesterManager', inStore: 'management' },
    productId:                'harvesterManager',
    clusterId:                '_',
    currentStore:             () => 'management',
    'auth/principalId':       'local://user-admin',
    'prefs/get':              () => undefined,
  };

  // namespaced getters as models see them through this.$getters
  const localGetters = {
    schemaFor: getters['management/schemaFor'],
    byId:      getters['management/byId'],
    all:       getters['management/all'],
  };

  /** A Steve list (`/v1/<type>s?filter…&sort…&page…`) answered over the objects held, with the simulator's query evaluator. */
  function steveList(url: string): Record<string, unknown> | undefined {
    const match = /^\/v1\/([\w.-]+)s\?(.*)$/.exec(url);

    if (!match || !raw[match[1]]) {
      return undefined;
    }
    // the fixtures carry the metadata the simulator's objects always have
    const result = listPage(clone(raw[match[1]]) as KubeObject[], parseListQuery(new URLSearchParams(match[2])));

    return {
      type: 'collection', data: result.items, count: result.count, pages: result.pages, revision: '100',
    };
  }

  const actions = opts.actions || {};
  const dispatch = jest.fn(async(action: string, payload?: unknown): Promise<unknown> => {
    const handler = (actions[action] || actions[action.replace(/^management\//, '')]) as ((payload: unknown) => unknown) | undefined;
    /** the fields of a payload the store itself reads (a request's url, a findAll's type) */
    const asked = payload as { url?: string; type?: string } | undefined;

    const list = action === 'management/request' ? steveList(asked?.url || '') : undefined;

    if (list) {
      return opts.listError ? Promise.reject(opts.listError) : list;
    }
    if (handler) {
      return handler(payload);
    }

    if (action === 'management/findAll') {
      return getters['management/all'](asked?.type ?? ''); // what the store holds stands for the server
    }

    return action === 'management/createMany' ? (payload as StoreObject[]).map((d) => (d.type === MANAGEMENT_CLUSTER ? new MgmtCluster(clone(d), ctx) : new HarvesterCluster(clone(d), ctx))) : undefined;
  });
  const ctx = {
    getters: localGetters, rootGetters: getters, dispatch, commit: jest.fn(), state: {}, rootState: { $extension: { getDynamic: () => [], getProviders: () => [] } },
  };

  function load(provs: ProvisioningCluster[], mgmts: ManagementCluster[]) {
    raw[PROVISIONING_CLUSTER] = clone(provs);
    raw[MANAGEMENT_CLUSTER] = clone(mgmts);
    const cached = opts.serverOnly ? { provs: [], mgmts: [] } : { provs, mgmts };

    state[PROVISIONING_CLUSTER] = cached.provs.map((p) => new ProvCluster(clone(p), ctx));
    state[MANAGEMENT_CLUSTER] = cached.mgmts.map((m) => new MgmtCluster(clone(m), ctx));
    state[HARVESTER_CLUSTER_TYPE] = harvesterClusters(cached.provs, cached.mgmts).map((c) => new HarvesterCluster({ ...clone(c.provisioning), type: HARVESTER_CLUSTER_TYPE }, ctx));
  }

  load(opts.provs || [], opts.mgmts || []);

  state['management.cattle.io.setting'] = Object.entries(opts.settings || {}).map(([id, value]) => ({ id, value }));

  return {
    getters,
    dispatch,
    commit:   ctx.commit,
    state,
    load,
    cluster:  (id: string) => state[HARVESTER_CLUSTER_TYPE].find((c) => c.id === id) as unknown as ClusterModel,
    newModel: (data: Record<string, unknown>) => new HarvesterCluster({ type: HARVESTER_CLUSTER_TYPE, ...data }, ctx),
  };
}

/** A HarvesterCluster model for one provisioning + management cluster, outside any component. */
export function clusterModel(prov: ProvisioningCluster, mgmt?: ManagementCluster, opts: FakeStoreOptions = {}): { model: ClusterModel; store: FakeStore } {
  const store = fakeStore({
    ...opts, provs: [prov, ...(opts.provs || [])], mgmts: mgmt ? [mgmt, ...(opts.mgmts || [])] : opts.mgmts || []
  });

  return { model: store.cluster(prov.id as string), store };
}
