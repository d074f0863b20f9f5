import type { Simulator } from '../../../sim/server';
import { control, SimClient, startTestSim } from '../../integration/support/sim-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';
const USERS = ['project-owner', 'project-readonly', 'no-access'] as const;

type User = typeof USERS[number];

interface Ids { prodId: string; project: string; noAccessId: string }

/** Every mutating request the UI or the CLI makes, with a body that would succeed for an admin. */
function requests(ids: Ids, user: User): Array<{ name: string, method: string, path: string, body?: unknown }> {
  const suffix = user.replace(/[^a-z]/g, '');

  return [
    {
      name:   'import (Norman create)',
      method: 'POST',
      path:   '/v3/clusters',
      body:   {
        type: 'cluster', name: `imp-${ suffix }`, labels: { 'provider.cattle.io': 'harvester' }
      }
    },
    {
      name:   'import (Steve create)',
      method: 'POST',
      path:   `/v1/${ PROV }s/fleet-default`,
      body:   {
        type: PROV, metadata: { name: `stv-${ suffix }`, labels: { 'provider.cattle.io': 'harvester' } }, spec: {}
      }
    },
    {
      name: 'Edit Config (Norman PUT)', method: 'PUT', path: `/v3/clusters/${ ids.prodId }`, body: { name: 'harvester-prod', description: 'changed' }
    },
    {
      name:   'edit the provisioning cluster',
      method: 'PUT',
      path:   `/v1/${ PROV }s/fleet-default/harvester-prod`,
      body:   {
        metadata: {
          name: 'harvester-prod', namespace: 'fleet-default', labels: { changed: 'yes' }
        },
        spec: {}
      }
    },
    {
      name: 'edit the management cluster', method: 'PUT', path: `/v1/${ MGMT }s/${ ids.prodId }`, body: { metadata: { name: ids.prodId }, spec: { displayName: 'renamed' } }
    },
    {
      name: 'Delete (provisioning cluster)', method: 'DELETE', path: `/v1/${ PROV }s/fleet-default/harvester-prod`
    },
    {
      name: 'delete (Norman)', method: 'DELETE', path: `/v3/clusters/${ ids.prodId }`
    },
    {
      name: 'registration token', method: 'POST', path: '/v3/clusterregistrationtokens', body: { type: 'clusterRegistrationToken', clusterId: ids.prodId }
    },
    {
      name:   'cluster member (Member Roles)',
      method: 'POST',
      path:   '/v3/clusterroletemplatebindings',
      body:   {
        clusterId: ids.prodId, userId: ids.noAccessId, roleTemplateId: 'cluster-member'
      }
    },
    {
      name:   'project member',
      method: 'POST',
      path:   '/v3/projectroletemplatebindings',
      body:   {
        projectId: ids.project, userId: ids.noAccessId, roleTemplateId: 'read-only'
      }
    },
    {
      name:   'add the Harvester chart repository',
      method: 'POST',
      path:   '/v1/catalog.cattle.io.clusterrepos',
      body:   {
        type: 'catalog.cattle.io.clusterrepo', metadata: { name: `repo-${ suffix }` }, spec: { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' }
      }
    },
    {
      name: 'server-url setting', method: 'PUT', path: '/v3/settings/server-url', body: { value: 'https://elsewhere.example' }
    },
  ];
}

/** What Rancher lets each user do: a standard user (project-owner) may create clusters and manage its project's members; nothing else here. */
const ALLOWED: Record<User, string[]> = {
  'project-owner':    ['import (Norman create)', 'import (Steve create)', 'project member'],
  'project-readonly': [],
  'no-access':        [],
};

/**
 * Issue 8, permissions: every seeded non-admin user × every mutating request the UI or CLI can
 * make. What Rancher refuses is refused (403, or 404 for what the user cannot see) and changes
 * nothing in the simulator's state; what it allows succeeds.
 */
describe.each(USERS)('integration: every mutating request as %s', (user) => {
  let sim: Simulator;
  let ids: Ids;

  const revision = async(): Promise<number> => (await control(sim.url).get('/sim/state')).body.revision;

  // a simulator of its own: what one user was allowed to start must not change the next one's state
  beforeAll(async() => {
    sim = await startTestSim();
    const admin = await SimClient.bearerLogin(sim.url, 'admin');
    const prod = (await admin.get(`/v1/${ PROV }s/fleet-default/harvester-prod`)).body;
    const prodId = prod.status.clusterName;
    const projects = (await admin.get(`/v3/projects?clusterId=${ prodId }`)).body.data;
    const users = (await admin.get('/v3/users')).body.data;

    ids = {
      prodId,
      project:    projects.find((p: { name: string }) => p.name === 'Default').id,
      noAccessId: users.find((u: { username: string }) => u.username === 'no-access').id,
    };
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('is refused what Rancher refuses, with nothing changed, and may do what Rancher allows', async() => {
    const client = await SimClient.cookieLogin(sim.url, user);
    const outcomes: string[] = [];

    // refusals first: what an allowed request starts (the import controller) changes the state later
    const ordered = requests(ids, user).sort((a, b) => Number(ALLOWED[user].includes(a.name)) - Number(ALLOWED[user].includes(b.name)));

    for (const req of ordered) {
      const before = await revision();
      const res = await client.request(req.method, req.path, { body: req.body });
      const allowed = ALLOWED[user].includes(req.name);

      if (allowed) {
        expect({ req: req.name, ok: res.status >= 200 && res.status < 300 }).toEqual({ req: req.name, ok: true });
      } else {
        expect({ req: req.name, refused: [403, 404].includes(res.status) }).toEqual({ req: req.name, refused: true });
        expect({ req: req.name, revision: await revision() }).toEqual({ req: req.name, revision: before });
      }
      outcomes.push(`${ req.name }: ${ res.status }`);
    }
    expect(outcomes).toHaveLength(12);
  });
});
