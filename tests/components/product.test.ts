import { init } from '@pkg/harvester-manager/product';
import { activePair, pendingPair, rke2Pair } from './support/rancher';
import { SERVER_FIELDS, type SteveResource } from '@pkg/harvester-manager/domain';
import type { ShellStore } from '@pkg/harvester-manager/adapters/shell-store';
import type { HookRoute } from './support/cluster-form';
import { storeError } from './support/store-error';
import type { TableHeader } from './support/stubs';

/** A Harvester cluster instance of the virtual type, as the tests read it. */
interface Instance {
  id: string;
  type: string;
  links: { remove?: string };
}

/** What the product registered through the DSL: the arguments of each call, by DSL function. */
interface Registered {
  product: [{ to?: unknown; [option: string]: unknown }][];
  basicType: unknown[][];
  headers: [string, TableHeader[], TableHeader[]][];
  spoofedType: [{ type: string; namespaced: boolean; schemas: { attributes: { namespaced: boolean } }[]; getInstances(): Promise<Instance[]> }][];
  configureType: [string, { listMandatorySort?: string[] }][];
}

function register(findAll: Record<string, SteveResource[]> = {}, route?: HookRoute) {
  const calls: Record<string, unknown[][]> = {};
  const record = (name: string) => (...args: unknown[]) => {
    calls[name] = [...(calls[name] || []), args];
  };
  const dsl = {
    product: record('product'), basicType: record('basicType'), headers: record('headers'), spoofedType: record('spoofedType'), configureType: record('configureType'),
  };
  const store = {
    dispatch: jest.fn(async(action: string, { type, id }: { type: string; id?: string }): Promise<unknown> => {
      if (action === 'management/find') {
        const found = (findAll[type] || []).find((o) => o.id === id);

        return found || Promise.reject(storeError({ status: 404 }));
      }

      return findAll[type] || [];
    }),
    state: { $router: { currentRoute: { value: route || { name: 'c-cluster-product-resource', params: {} } } } },
  };

  // the shell's DSL and store, as far as init uses them
  init({ DSL: () => dsl }, store as unknown as ShellStore);

  return { calls: calls as unknown as Registered, store };
}

describe('product: Virtualization Management', () => {
  it('is the harvesterManager product in the management store, category hci, opening the cluster list', () => {
    const { calls } = register();

    expect(calls.product[0][0]).toEqual(expect.objectContaining({
      inStore: 'management', icon: 'harvester', category: 'hci', ifHaveType: 'provisioning.cattle.io.cluster',
    }));
    expect(calls.product[0][0].to).toEqual({
      name:   'c-cluster-product-resource',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster'
      },
    });
  });

  it('lists State, Name, Harvester Version, Kubernetes Version, Machines, Age and the Manage button', () => {
    const { calls } = register();
    const [type, headers] = calls.headers[0];

    expect(type).toBe('harvesterhci.io.management.cluster');
    expect(headers.map((h) => h.name)).toEqual(['state', 'name', 'harvesterVersion', 'kubernetesVersion', 'machines', 'age', 'manage']);
    expect(headers.find((h) => h.name === 'name')?.formatter).toBe('LinkDetail');
  });

  it('the same columns serve server-side pagination: every sort and search field is one the server indexes', () => {
    const { calls } = register();
    const [, headers, paginationHeaders] = calls.headers[0];
    const fields = (v: unknown): string[] => (v ? ([] as string[]).concat(v as string | string[]).map((f) => f.split(':')[0]) : []);

    expect(paginationHeaders).toBe(headers);
    headers.forEach((h) => [...fields(h.sort), ...fields(h.search)].forEach((f) => expect(SERVER_FIELDS.has(f)).toBe(true)));
    expect(headers.filter((h) => h.sort).map((h) => h.name)).toEqual(['state', 'name', 'kubernetesVersion', 'age']);
    expect(calls.configureType[0][1].listMandatorySort).toEqual(['spec.displayName', 'metadata.name']);
  });

  it('the virtual type is namespaced and made of the Harvester provisioning clusters only', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const p = pendingPair('harv-new', 'c-bbbbb');
    const r = rke2Pair();
    const { calls } = register({
      'provisioning.cattle.io.cluster': [a.prov, p.prov, r.prov],
      'management.cattle.io.cluster':   [a.mgmt, p.mgmt, r.mgmt],
    });
    const spoofed = calls.spoofedType[0][0];
    const instances = await spoofed.getInstances();

    expect(spoofed.type).toBe('harvesterhci.io.management.cluster');
    // not marked namespaced in the side menu (upstream's is not); the schema is, for fleet-default/<name> ids
    expect(spoofed.namespaced).toBe(false);
    expect(spoofed.schemas[0].attributes.namespaced).toBe(true);
    expect(instances.map((i) => [i.id, i.type])).toEqual([
      ['fleet-default/c-aaaaa', 'harvesterhci.io.management.cluster'],
      ['fleet-default/c-bbbbb', 'harvesterhci.io.management.cluster'],
    ]);
    // the provisioning cluster's own links stay, so a delete addresses the real object
    expect(instances[0].links.remove).toBe(a.prov.links?.remove);
  });

  it('on the page of one cluster (detail, Edit Config) only that cluster is fetched, not every cluster', async() => {
    const a = activePair('harv-prod', 'c-aaaaa');
    const p = pendingPair('harv-new', 'c-bbbbb');
    const objects = {
      'provisioning.cattle.io.cluster': [a.prov, p.prov],
      'management.cattle.io.cluster':   [a.mgmt, p.mgmt],
    };
    const detail = (id: string) => ({
      name:   'c-cluster-product-resource-namespace-id',
      params: {
        product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id
      },
    });
    const opened = register(objects, detail('c-bbbbb'));
    const instances = await opened.calls.spoofedType[0][0].getInstances();

    expect(instances.map((i) => i.id)).toEqual(['fleet-default/c-bbbbb']);
    expect(opened.store.dispatch.mock.calls.map(([action, { type, id }]) => [action, type, id])).toEqual([
      ['management/find', 'provisioning.cattle.io.cluster', 'fleet-default/c-bbbbb'],
      ['management/find', 'management.cattle.io.cluster', 'c-bbbbb'],
    ]);

    // the shell drops a find's answer when a page of that type arrived meanwhile: asked again
    const raced = register(objects, detail('c-bbbbb'));
    const dispatch = raced.store.dispatch.getMockImplementation() as (action: string, payload: { type: string; id?: string }) => Promise<unknown>;
    let dropped = 0;

    raced.store.dispatch.mockImplementation(async(action: string, payload: { type: string; id?: string; opt?: { force?: boolean } }) => (action === 'management/find' && !payload.opt?.force && ++dropped ? undefined : dispatch(action, payload)));
    expect((await raced.calls.spoofedType[0][0].getInstances()).map((i) => i.id)).toEqual(['fleet-default/c-bbbbb']);
    expect(dropped).toBe(2);

    // a cluster that does not exist (or is hidden): none, so the shell shows its not-found page
    const missing = register(objects, detail('c-zzzzz'));

    // a cluster that is not there: the page's stand-in that says so (not an empty lookup the shell breaks on)
    expect(await missing.calls.spoofedType[0][0].getInstances()).toEqual([expect.objectContaining({ id: 'fleet-default/c-zzzzz', harvesterNotFound: true })]);
    // another product's detail route is not ours: everything, as on the list
    const other = register(objects, { ...detail('c-aaaaa'), params: { ...detail('c-aaaaa').params, product: 'explorer' } });

    expect(await other.calls.spoofedType[0][0].getInstances()).toHaveLength(2);
  });
});
