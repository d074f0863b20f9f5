import { downstreamAccessSet, downstreamTypeVerbs } from '../../../sim/rbac/downstream-access';
import {
  DOWNSTREAM_TYPE_DEFS, HCI_SETTING, PVC, VIRTUAL_MACHINE, VM_IMAGE
} from '../../../sim/steve/downstream-type-catalog';
import { TypeDef, TYPES } from '../../../sim/steve/type-catalog';
import { buildInMemorySim, InMemorySim } from './support/in-memory-sim';

describe('sim: what a user may do inside a downstream cluster (role templates\' downstream rules)', () => {
  let sim: InMemorySim;
  let prodId: string;
  let labId: string;

  const def = (id: string) => DOWNSTREAM_TYPE_DEFS.find((d) => d.id === id) as TypeDef;
  const downstream = (username: string, clusterId: string) => downstreamAccessSet(sim.state.store, sim.state.authorizer.accessFor(sim.userId(username)), clusterId);
  const verbs = (username: string, clusterId: string, type: string) => downstreamTypeVerbs(downstream(username, clusterId), def(type)).sort();
  const projectKey = (clusterId: string, displayName: string) => {
    const p = sim.state.store.list(TYPES.PROJECT).find((o) => o.metadata.namespace === clusterId && o.spec.displayName === displayName);

    return `${ clusterId }:${ p?.metadata.name }`;
  };
  const bind = (type: string, fields: Record<string, string>, name: string) => sim.state.store.create(type, { metadata: { name, namespace: fields.clusterName || fields.projectName.split(':')[1] }, ...fields });

  beforeEach(() => {
    sim = buildInMemorySim();
    prodId = sim.clusterId('harvester-prod');
    labId = sim.clusterId('harvester-lab');
  });
  afterEach(() => sim.close());

  it('a global admin is admin in every downstream cluster', () => {
    expect(downstream('admin', labId).admin).toBe(true);
    expect(verbs('admin', labId, HCI_SETTING)).toContain('update');
  });

  it('a project role applies to its project\'s namespaces in its cluster only, never to cluster-scoped types', () => {
    const owner = downstream('project-owner', prodId);

    expect(owner.admin).toBe(false);
    expect([...owner.projects.keys()]).toEqual([projectKey(prodId, 'Default')]);
    expect(owner.clusters.get(prodId)?.has(TYPES.NAMESPACE)).toBe(false);
    expect(verbs('project-owner', prodId, TYPES.NAMESPACE)).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    expect(verbs('project-readonly', prodId, TYPES.NAMESPACE)).toEqual(['get', 'list', 'watch']);
    // Harvester settings are cluster-scoped: a project role (RoleBindings) cannot change them; every
    // user who reaches the cluster reads them.
    expect(verbs('project-owner', prodId, HCI_SETTING)).toEqual(['get', 'list', 'watch']);
    expect(verbs('project-readonly', prodId, HCI_SETTING)).toEqual(['get', 'list', 'watch']);
    // Nothing in harvester-lab, where they have no role.
    expect(verbs('project-owner', labId, TYPES.NAMESPACE)).toEqual([]);
    expect(verbs('no-access', prodId, TYPES.NAMESPACE)).toEqual([]);
  });

  it('a cluster role applies cluster-wide: cluster-owner everything, cluster-member reads namespaces', () => {
    bind(TYPES.CRTB, {
      clusterName: labId, userName: sim.userId('no-access'), userPrincipalName: `local://${ sim.userId('no-access') }`, roleTemplateName: 'cluster-owner',
    }, 'crtb-owner');
    bind(TYPES.CRTB, {
      clusterName: labId, userName: sim.userId('project-readonly'), userPrincipalName: `local://${ sim.userId('project-readonly') }`, roleTemplateName: 'cluster-member',
    }, 'crtb-member');

    expect(verbs('no-access', labId, HCI_SETTING)).toContain('update');
    expect(verbs('no-access', labId, TYPES.NAMESPACE)).toContain('delete');
    expect(verbs('project-readonly', labId, TYPES.NAMESPACE)).toEqual(['get', 'list', 'watch']);
    expect(verbs('project-readonly', labId, HCI_SETTING)).toEqual(['get', 'list', 'watch']);
    expect(verbs('no-access', prodId, TYPES.NAMESPACE)).toEqual([]);
  });

  it('virtual machines, images and volumes: as Rancher\'s role templates (with KubeVirt\'s and Harvester\'s aggregated roles) give them', () => {
    const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

    bind(TYPES.PRTB, {
      projectName: projectKey(prodId, 'Default'), userName: sim.userId('standard-user'), userPrincipalName: `local://${ sim.userId('standard-user') }`, roleTemplateName: 'project-member',
    }, 'prtb-member');
    bind(TYPES.CRTB, {
      clusterName: prodId, userName: sim.userId('no-access'), userPrincipalName: `local://${ sim.userId('no-access') }`, roleTemplateName: 'cluster-member',
    }, 'crtb-member');
    for (const type of [VIRTUAL_MACHINE, VM_IMAGE, PVC]) {
      expect(verbs('admin', prodId, type)).toEqual(all);
      expect(verbs('project-owner', prodId, type)).toEqual(all);
      expect(verbs('standard-user', prodId, type)).toEqual(all);
      expect(verbs('project-readonly', prodId, type)).toEqual(['get', 'list', 'watch']);
      // cluster-member has no rule on them (role_data.go: persistentvolumes, not claims) and inherits no `view`
      expect(verbs('no-access', prodId, type)).toEqual([]);
    }
    // a project role holds in its project's namespaces only
    expect([...downstream('project-readonly', prodId).projects.keys()]).toEqual([projectKey(prodId, 'Default')]);
    expect(downstream('project-readonly', prodId).clusters.get(prodId)?.has(VIRTUAL_MACHINE)).toBe(false);
  });

  it('a custom project role template grants its own rules', () => {
    sim.state.store.create(TYPES.ROLE_TEMPLATE, {
      metadata:    { name: 'ns-viewer' },
      displayName: 'Namespace viewer',
      context:     'project',
      rules:       [{
        apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list']
      }],
    });
    bind(TYPES.PRTB, {
      projectName: projectKey(labId, 'Default'), userName: sim.userId('no-access'), userPrincipalName: `local://${ sim.userId('no-access') }`, roleTemplateName: 'ns-viewer',
    }, 'prtb-viewer');

    expect(verbs('no-access', labId, TYPES.NAMESPACE)).toEqual(['get', 'list']);
  });
});
