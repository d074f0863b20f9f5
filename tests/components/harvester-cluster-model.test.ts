import { flushPromises } from '@vue/test-utils';
import { requestHarvesterVersion, resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import {
  activePair, adminSchemas, cond, CONNECTED_CONDITIONS, pendingPair, readOnly,
} from './support/rancher';
import { clusterModel } from './support/store';
import type { ShellStore } from '@pkg/harvester-manager/adapters/shell-store';

describe('model: harvesterhci.io.management.cluster', () => {
  beforeEach(() => resetHarvesterVersions());

  it('state, colour and versions come from the live management cluster', () => {
    const { prov, mgmt } = activePair('harv1', 'c-abcde');
    const { model } = clusterModel(prov, mgmt);

    expect(model.isHarvester).toBe(true);
    expect(model.state).toBe('active');
    expect(model.stateDisplay).toBe('Active');
    expect(model.stateBackground).toBe('bg-success');
    expect(model.kubernetesVersion).toBe('v1.29.9+rke2r1');
    expect(model.machineCount).toBe(3);
    expect(model.nameDisplay).toBe('harv1');
    expect(model.managementId).toBe('c-abcde');
  });

  it('an Unavailable cluster gives Rancher\'s reason as its description (the table\'s line under the row)', () => {
    const { prov, mgmt } = activePair('harv1', 'c-abcde');

    mgmt.status!.conditions = CONNECTED_CONDITIONS.map((x) => (x.type === 'Connected' ? cond('Connected', 'False') : x));
    mgmt.metadata!.state = {
      name: 'unavailable', error: false, message: 'Cluster agent is not connected'
    };
    const { model } = clusterModel(prov, mgmt);

    expect([model.state, model.stateDescription]).toEqual(['unavailable', 'Cluster agent is not connected']);
    // …and the masthead banner shows it (Rancher's summary: Ready=False is transitioning)
    expect(model.stateObj).toMatchObject({
      transitioning: true, error: false, message: 'Cluster agent is not connected'
    });
  });

  it('the masthead banner of a new import says what it waits for, not "no message available"', () => {
    const { prov, mgmt } = pendingPair();
    const { model } = clusterModel(prov, mgmt);

    mgmt.metadata!.state = {
      name: 'pending', transitioning: true, message: ''
    };
    const bare = clusterModel(prov, mgmt).model;

    expect(model.stateObj).toMatchObject({
      name: 'pending', transitioning: true, error: false
    });
    expect(model.stateObj.message).toBe('Waiting for cluster agent to connect');
    expect(bare.stateObj.message).toBe('Waiting for Harvester to register with Rancher. The Registration tab says what to do and follows each step.');
    const active = activePair();

    expect(clusterModel(active.prov, active.mgmt).model.stateObj).toMatchObject({
      name: 'active', transitioning: false, error: false, message: ''
    });
  });

  it('a pending import is Pending with Rancher\'s message as description', () => {
    const { prov, mgmt } = pendingPair();
    const { model } = clusterModel(prov, mgmt);

    expect(model.stateDisplay).toBe('Pending');
    expect(model.stateDescription).toBe('Waiting for cluster agent to connect');
    expect(model.canExplore).toBe(false);
  });

  it('Harvester older than v1.3.0 is Denied with the support message, once its version is read', async() => {
    const { prov, mgmt } = activePair();
    const dispatch = jest.fn().mockResolvedValue({ value: 'v1.2.2' });
    const { model } = clusterModel(prov, mgmt);

    requestHarvesterVersion({ dispatch } as unknown as ShellStore, 'c-abcde');
    await flushPromises();

    expect(dispatch).toHaveBeenCalledWith('management/request', expect.objectContaining({ url: '/k8s/clusters/c-abcde/v1/harvesterhci.io.settings/server-version' }));
    expect(model.state).toBe('denied');
    expect(model.stateDisplay).toBe('Denied');
    expect(model.stateBackground).toBe('bg-error');
    expect(model.stateDescription).toBe('This cluster runs Harvester v1.2.2. Rancher supports Harvester v1.3.0 and later: upgrade Harvester to manage it here.');
    expect(model.canExplore).toBe(false);
  });

  it('offers Edit Config and Delete when the links allow them, Manage only when Active', () => {
    const { prov, mgmt } = activePair();
    const { model } = clusterModel(prov, mgmt, { schemas: adminSchemas() });
    const enabled = model.availableActions.filter((a) => !a.divider).map((a) => [a.action, a.label]);

    expect(enabled).toEqual([
      ['goToCluster', 'Manage'],
      ['goToEdit', 'Edit Config'],
      ['promptRemove', 'Delete'],
    ]);
    expect(model.availableActions.find((a) => a.action === 'promptRemove')).toEqual(expect.objectContaining({ bulkable: true, bulkAction: 'promptRemove' }));
    expect(model.availableActions.find((a) => a.action === 'promptRemove')?.altAction).toBeUndefined();
  });

  it('keeps the shell cluster model\'s Kubectl Shell, KubeConfig and Download YAML actions (enabled as the shell decides), never its RKE2 day-two ones', () => {
    const { prov, mgmt } = activePair();

    mgmt.links = { ...mgmt.links, shell: 'wss://rancher.example.com/v3/clusters/c-abcde?shell=true' };
    const { model } = clusterModel(prov, mgmt, { schemas: adminSchemas() });
    const actions = model._availableActions.filter((a) => !a.divider).map((a) => a.action);

    expect(actions).toEqual(['goToCluster', 'goToEdit', 'openShell', 'downloadKubeConfig', 'copyKubeConfig', 'download', 'promptRemove']);
    expect(model._availableActions.find((a) => a.action === 'openShell')?.enabled).toBe(true);
    expect(model.availableActions.map((a) => a.action)).toContain('openShell');
  });

  it('a read-only user gets no mutating action', () => {
    const { prov, mgmt } = activePair();
    const { model } = clusterModel(readOnly(prov), mgmt);

    expect(model.availableActions.map((a) => a.action)).toEqual(['goToCluster']);
    expect(model.canEdit).toBe(false);
    expect(model.canDelete).toBe(false);
  });

  it('Delete opens the delete guard with every selected cluster, never the plain prompt', () => {
    const { prov, mgmt } = activePair();
    const { model, store } = clusterModel(prov, mgmt);
    const other = { id: 'fleet-default/other' };

    model.promptRemove([model, other]);

    expect(store.dispatch).toHaveBeenCalledWith('promptModal', expect.objectContaining({ component: 'HarvesterClusterDeleteDialog', resources: [model, other] }));
    expect(store.dispatch).not.toHaveBeenCalledWith('promptRemove', expect.anything());
  });

  it('Show Configuration opens the read-only Edit Config form, not a YAML drawer of the virtual type', () => {
    const { prov, mgmt } = activePair('harv1', 'c-abcde');
    const { model } = clusterModel(prov, mgmt);
    const push = jest.fn();

    (window as unknown as { $globalApp: unknown }).$globalApp = { $router: { push } };
    model.showConfiguration();

    expect(push).toHaveBeenCalledWith(expect.objectContaining({ name: 'c-cluster-product-resource-namespace-id', query: expect.objectContaining({ mode: 'view', as: 'config' }) }));
    expect(model.disableResourceDetailDrawer).toBe(true);
  });

  it('links to this product\'s detail page and list', () => {
    const { prov, mgmt } = activePair('harv1', 'c-abcde');
    const { model } = clusterModel(prov, mgmt);

    expect(model.detailLocation).toEqual({
      name:   'c-cluster-product-resource-namespace-id',
      params: {
        cluster: '_', product: 'harvesterManager', resource: 'harvesterhci.io.management.cluster', namespace: 'fleet-default', id: 'c-abcde',
      },
    });
    expect(model.doneOverride.name).toBe('c-cluster-product-resource');
  });
});
