import { flushPromises, mount } from '@vue/test-utils';
import ProjectsMembers from '@pkg/harvester-manager/components/ProjectsMembers.vue';
import { adminSchemas } from './rancher';
import { fakeStore, type ActionHandler } from './store';

// What the Projects & Members tab's component tests share: Rancher's answers for one cluster with
// two projects, the tab mounted over them, and the shell's table reduced to what the tab hands it
// (rows grouped as SortableTable groups them, with the group-by and cell slots the tab fills;
// mock-tenancy-parts.ts puts it in place of the shell's).

export const groupedTable = {
  name:     'SortableTable',
  props:    ['rows', 'headers', 'noRowsKey', 'groupBy', 'groupRef', 'loading'],
  computed: {
    groups() {
      const groups = new Map();

      for (const row of this.rows) {
        const key = this.groupBy ? row[this.groupBy] : 'default';

        groups.set(key, groups.get(key) || {
          key, ref: this.groupRef ? row[this.groupRef] : key, rows: []
        });
        groups.get(key).rows.push(row);
      }

      return [...groups.values()];
    },
  },
  template: `<table><tbody v-for="g in groups" :key="g.key">
    <tr v-if="groupBy" class="group-row"><td><slot name="group-by" :group="g" /></td></tr>
    <tr v-for="row in g.rows" :key="row.id" class="main-row"><td v-for="h in headers" :key="h.name"><slot :name="'cell:' + h.name" :row="row" /></td></tr>
  </tbody></table>`,
};

export const CLUSTER = 'c-abcde';
export const PROJECT = 'management.cattle.io.project';
export const CRTB = 'management.cattle.io.clusterroletemplatebinding';
export const PRTB = 'management.cattle.io.projectroletemplatebinding';
export const cluster = {
  joined: {
    id: 'fleet-default/harv1', managementId: CLUSTER, provisioning: {}
  }
};
export const project = (name: string, displayName: string, description = '') => ({
  id:       `${ CLUSTER }/${ name }`,
  metadata: { name, namespace: CLUSTER },
  spec:     {
    clusterName: CLUSTER, displayName, description
  },
});
export const PROJECTS = [project('p-1', 'Default', 'where VMs go'), project('p-2', 'System')];
export const PRTBS = [
  {
    id: 'p-1/prtb-1', metadata: { name: 'prtb-1', namespace: 'p-1' }, projectName: `${ CLUSTER }:p-1`, userName: 'u-owner', roleTemplateName: 'project-owner',
  },
  {
    id: 'p-1/prtb-2', metadata: { name: 'prtb-2', namespace: 'p-1' }, projectName: `${ CLUSTER }:p-1`, groupPrincipalName: 'github_team://7', roleTemplateName: 'read-only',
  },
];
export const CRTBS = [{
  id: `${ CLUSTER }/crtb-1`, clusterName: CLUSTER, userName: 'user-admin', roleTemplateName: 'cluster-owner'
}];

export function answers(overrides: Partial<Record<'projects' | 'prtbs' | 'crtbs', unknown>> = {}): ActionHandler {
  return async(opt: { url: string }) => {
    const [path] = opt.url.split('?');

    if (path === `/v1/${ PROJECT }s/${ CLUSTER }`) {
      return overrides.projects ?? { data: PROJECTS, count: PROJECTS.length };
    }
    if (path === `/v1/${ PRTB }s`) {
      return overrides.prtbs ?? { data: PRTBS };
    }
    if (path === `/v1/${ CRTB }s/${ CLUSTER }`) {
      return overrides.crtbs ?? { data: CRTBS };
    }

    return { Version: 'v2.12.3' };
  };
}

/** An administrator's schemas, with the project and project binding types the tab reads. */
export const tenancySchemas = () => [...adminSchemas(), {
  id: PROJECT, collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'PUT', 'DELETE']
}, {
  id: PRTB, collectionMethods: ['GET', 'POST'], resourceMethods: ['GET', 'PUT', 'DELETE']
}];

export async function setup(opts: { schemas?: ReturnType<typeof adminSchemas>; request?: ActionHandler } = {}) {
  const store = fakeStore({ schemas: opts.schemas || tenancySchemas(), actions: { 'management/request': opts.request || answers() } });
  const wrapper = mount(ProjectsMembers, { props: { cluster }, global: { mocks: { $store: store } } });

  await flushPromises();
  const tables = wrapper.findAllComponents({ name: 'SortableTable' });
  const table = (testId: string) => tables.find((t) => t.attributes('data-testid') === testId);
  const requests = store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/')).map((c) => c[1].url as string);

  return {
    wrapper, table, requests, store
  };
}

/** The Steve reads the tab made so far. */
export const readsOf = (store: ReturnType<typeof fakeStore>) => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].url.startsWith('/v1/')).length;

export type Row = { projectLabel?: string; principalId: string; kindLabel: string; roleLabel: string; empty?: boolean };
export const rowsOf = (rows: Row[]) => rows.map((r) => [r.projectLabel, r.empty ? '(none)' : `${ r.principalId } ${ r.kindLabel } ${ r.roleLabel }`]);

