import type { Simulator } from '../../../sim/server';
import { harvesterKubeconfig, kubectl } from '../../integration/support/kubectl';
import { expectRancherError, Json, SimClient, startTestSim } from '../../integration/support/sim-client';
import { seededClusters } from './support/seeded-clusters';

const VM = 'kubevirt.io.virtualmachine';
const IMAGE = 'harvesterhci.io.virtualmachineimage';
const PVC = 'persistentvolumeclaim';
const PROJECT_ID = 'field.cattle.io/projectId';

type Counts = Record<string, { summary: { count?: number }, namespaces?: Record<string, { count?: number }> }>;

/**
 * What the product reads to show, per project, how many virtual machines, images and volumes it
 * holds: ONE `/k8s/clusters/<id>/v1/counts` and the namespaces list (each namespace names its
 * project in the annotation `field.cattle.io/projectId`), seen by an admin and by project members.
 */
describe('sim: workloads in the seeded Harvester clusters, counted per namespace through the cluster proxy', () => {
  let sim: Simulator;
  let admin: SimClient;
  let prodId: string;
  let labId: string;
  let projects: Record<string, string>;

  const counts = async(client: SimClient, clusterId: string): Promise<Counts> => {
    const res = await client.get(`/k8s/clusters/${ clusterId }/v1/counts`);

    expect(res.status).toBe(200);

    return res.body.data[0].counts;
  };
  const namespaces = async(client: SimClient, clusterId: string): Promise<Json[]> => (await client.get(`/k8s/clusters/${ clusterId }/v1/namespaces`)).body.data;
  /** The product's sum: each namespace's count added to the project its annotation names. */
  const perProject = (c: Counts, nsList: Json[], type: string): Record<string, number> => {
    const out: Record<string, number> = {};

    for (const ns of nsList) {
      const project = ns.metadata.annotations?.[PROJECT_ID];

      if (project) {
        out[project] = (out[project] || 0) + (c[type]?.namespaces?.[ns.id]?.count || 0);
      }
    }

    return out;
  };
  const login = (username: string) => SimClient.cookieLogin(sim.url, username);
  const userId = async(username: string) => (await admin.get('/v1/management.cattle.io.users')).body.data.find((u: Json) => u.username === username).id;

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    ({ prodId, labId, projects } = await seededClusters(sim.url, admin));
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('admin: every VM, image and volume, per namespace, in one counts answer', async() => {
    const prod = await counts(admin, prodId);

    expect(prod[VM]).toEqual({
      summary:    { count: 4 },
      namespaces: {
        default: { count: 2 }, 'prod-db': { count: 1 }, sandbox: { count: 1 }
      }
    });
    expect(prod[IMAGE]).toEqual({ summary: { count: 2 }, namespaces: { default: { count: 1 }, 'prod-db': { count: 1 } } });
    expect(prod[PVC]).toEqual({
      summary:    { count: 6 },
      namespaces: {
        default: { count: 3 }, 'prod-db': { count: 2 }, sandbox: { count: 1 }
      }
    });
    const lab = await counts(admin, labId);

    expect(lab[VM]).toEqual({
      summary:    { count: 5 },
      namespaces: {
        default: { count: 2 }, 'lab-ci': { count: 2 }, sandbox: { count: 1 }
      }
    });
    expect(lab[IMAGE]).toEqual({ summary: { count: 1 }, namespaces: { default: { count: 1 } } });
    expect(lab[PVC]).toEqual({
      summary:    { count: 6 },
      namespaces: {
        default: { count: 3 }, 'lab-ci': { count: 2 }, sandbox: { count: 1 }
      }
    });
  });

  it('namespaces carry Rancher\'s project annotation and label; sandbox is in no project and its VM counts for none', async() => {
    const list = await namespaces(admin, prodId);
    const byName = Object.fromEntries(list.map((n) => [n.id, n]));
    const defaultProject = projects[`${ prodId }/Default`];

    for (const name of ['default', 'prod-db']) {
      expect(byName[name].metadata.annotations[PROJECT_ID]).toBe(defaultProject);
      expect(byName[name].metadata.labels[PROJECT_ID]).toBe(defaultProject.split(':')[1]);
    }
    expect(byName['kube-system'].metadata.annotations[PROJECT_ID]).toBe(projects[`${ prodId }/System`]);
    expect(byName.sandbox.metadata.annotations?.[PROJECT_ID]).toBeUndefined();
    expect(byName.sandbox.metadata.labels?.[PROJECT_ID]).toBeUndefined();
    const c = await counts(admin, prodId);

    expect(perProject(c, list, VM)).toEqual({ [defaultProject]: 3, [projects[`${ prodId }/System`]]: 0 });
    expect(perProject(c, list, IMAGE)[defaultProject]).toBe(2);
    expect(perProject(c, list, PVC)[defaultProject]).toBe(5);
    expect(c[VM].namespaces?.sandbox).toEqual({ count: 1 });
  });

  it('a read-only member of Default on harvester-prod counts only that project\'s namespaces, and may only read', async() => {
    const ro = await login('project-readonly');
    const c = await counts(ro, prodId);

    expect(c[VM]).toEqual({ summary: { count: 3 }, namespaces: { default: { count: 2 }, 'prod-db': { count: 1 } } });
    expect(c[IMAGE]).toEqual({ summary: { count: 2 }, namespaces: { default: { count: 1 }, 'prod-db': { count: 1 } } });
    expect(c[PVC]).toEqual({ summary: { count: 5 }, namespaces: { default: { count: 3 }, 'prod-db': { count: 2 } } });
    expect(perProject(c, await namespaces(ro, prodId), VM)).toEqual({ [projects[`${ prodId }/Default`]]: 3 });
    for (const type of [VM, IMAGE, PVC]) {
      expect((await ro.get(`/k8s/clusters/${ prodId }/v1/schemas/${ type }`)).body.attributes.verbs.sort()).toEqual(['get', 'list', 'watch']);
    }
    const vm = (await ro.get(`/k8s/clusters/${ prodId }/v1/kubevirt.io.virtualmachines/default/web-01`)).body;

    expect(vm).toMatchObject({
      id: 'default/web-01', type: VM, status: { printableStatus: 'Running' }
    });
    expect(vm.links.update).toBeUndefined();
    expectRancherError(await ro.get(`/k8s/clusters/${ prodId }/v1/kubevirt.io.virtualmachines/sandbox/scratch-01`), 404);
    expect((await ro.get(`/k8s/clusters/${ prodId }/v1/kubevirt.io.virtualmachines/sandbox`)).body.data).toEqual([]);
  });

  it('the project roles as Rancher\'s role templates give them: owner and member manage, a cluster member sees none of it', async() => {
    const owner = await login('project-owner');
    const base = `${ sim.url }/k8s/clusters/${ prodId }/v1`;
    const volumes = (await owner.get(`/k8s/clusters/${ prodId }/v1/persistentvolumeclaims/prod-db`)).body;

    expect(volumes.data.map((v: Json) => v.id)).toEqual(['prod-db/db-01-data', 'prod-db/db-01-disk-0']);
    expect(volumes.data[0].links).toMatchObject({ self: `${ base }/persistentvolumeclaims/prod-db/db-01-data`, update: `${ base }/persistentvolumeclaims/prod-db/db-01-data` });
    const member = await login('standard-user');
    const memberId = await userId('standard-user');

    expect((await admin.post('/v3/projectroletemplatebindings', {
      type: 'projectRoleTemplateBinding', projectId: projects[`${ prodId }/Default`], userPrincipalId: `local://${ memberId }`, roleTemplateId: 'project-member',
    })).status).toBe(201);
    // Rancher's project-member inherits `edit`, extended by Harvester's harvesterhci.io:edit.
    expect((await member.get(`/k8s/clusters/${ prodId }/v1/schemas/${ IMAGE }`)).body.attributes.verbs).toEqual(expect.arrayContaining(['create', 'delete', 'list', 'update']));
    expect((await counts(member, prodId))[IMAGE].summary.count).toBe(2);

    const clusterMember = await login('no-access');

    expect((await admin.post('/v3/clusterroletemplatebindings', {
      type: 'clusterRoleTemplateBinding', clusterId: prodId, userId: await userId('no-access'), roleTemplateId: 'cluster-member',
    })).status).toBe(201);
    const seen = await counts(clusterMember, prodId);

    expect(seen.namespace.summary.count).toBe(9);
    for (const type of [VM, IMAGE, PVC]) {
      expect(seen[type]).toBeUndefined();
      expectRancherError(await clusterMember.get(`/k8s/clusters/${ prodId }/v1/schemas/${ type }`), 404);
    }
  });

  it('a type the caller may list but sees nothing of is counted empty, as Go\'s omitempty writes it', async() => {
    const stranger = await login('standard-user');

    expect((await admin.post('/v3/projectroletemplatebindings', {
      type: 'projectRoleTemplateBinding', projectId: projects[`${ labId }/System`], userPrincipalId: `local://${ await userId('standard-user') }`, roleTemplateId: 'read-only',
    })).status).toBe(201);
    const c = await counts(stranger, labId);

    expect(c[VM]).toEqual({ summary: {} });
    expect(c[PVC]).toEqual({ summary: {} });
  });

  it('they are Kubernetes objects of the Harvester: kubectl lists them', async() => {
    const env = await harvesterKubeconfig(sim.url, 'harvester-prod');
    const vms = await kubectl(['get', 'vm', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {end}'], env);

    expect(vms.stdout.trim().split(' ')).toEqual(['default/web-01', 'default/web-02', 'prod-db/db-01', 'sandbox/scratch-01']);
    const ns = JSON.parse((await kubectl(['get', 'ns', 'prod-db', '-o', 'json'], env)).stdout);

    expect(ns.metadata.annotations[PROJECT_ID]).toBe(projects[`${ prodId }/Default`]);
    expect((await kubectl(['get', 'pvc', '-n', 'default', '--no-headers'], env)).stdout.trim().split('\n')).toHaveLength(3);
  });
});
