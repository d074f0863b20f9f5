import WebSocket from 'ws';
import type { Simulator } from '../../../sim/server';
import {
  control, SimClient, sleep, startTestSim, waitFor
} from '../../integration/support/sim-client';
import { WatchClient } from '../../integration/support/watch-client';

const PROV = 'provisioning.cattle.io.cluster';
const MGMT = 'management.cattle.io.cluster';

describe('integration: websocket watches (/v1/subscribe)', () => {
  let sim: Simulator;
  let admin: SimClient;
  let readonly: SimClient;
  const sockets: WatchClient[] = [];

  const open = async(client: SimClient): Promise<WatchClient> => {
    const socket = await WatchClient.open(client);

    sockets.push(socket);

    return socket;
  };

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    readonly = await SimClient.cookieLogin(sim.url, 'project-readonly');
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('sends no ping on connect (the first comes with the 30 s ticker) and resource.start on subscribe', async() => {
    const ws = await open(admin);
    const start = await ws.watch(PROV);

    expect(start).toMatchObject({ name: 'resource.start', resourceType: PROV });
    expect(ws.messages.some((m) => m.name === 'ping')).toBe(false);
  });

  it('admin gets create/change/remove for a new cluster; project-readonly and no-access get none of them (project-readonly does get the changes to harvester-prod)', async() => {
    const adminWs = await open(admin);
    const roWs = await open(readonly);
    const noneWs = await open(await SimClient.cookieLogin(sim.url, 'no-access'));

    expect((await adminWs.watch(PROV)).name).toBe('resource.start');
    expect((await roWs.watch(PROV)).name).toBe('resource.start');
    // no-access (User-Base) has no provisioning-cluster schema: the watch fails like a type that does not exist
    expect(await noneWs.watch(PROV)).toMatchObject({ name: 'resource.error', data: { error: `failed to find schema ${ PROV }` } });

    const created = await admin.post(`/v1/${ PROV }/fleet-default`, {
      type: PROV, metadata: { name: 'ws-new', labels: { 'provider.cattle.io': 'harvester' } }, spec: {}
    });

    expect(created.status).toBe(201);
    const createEvent = await adminWs.next((m) => m.name === 'resource.create' && m.data?.id === 'fleet-default/ws-new');

    expect(createEvent).toMatchObject({ resourceType: PROV, data: { type: PROV, metadata: { name: 'ws-new' } } });
    expect(createEvent.data.links.remove).toEqual(expect.any(String));
    // the controller assigns the management cluster: a change
    await adminWs.next((m) => m.name === 'resource.change' && m.data?.id === 'fleet-default/ws-new' && !!m.data?.status?.clusterName);

    // something project-readonly may see changes: it is told (so its subscription works) ...
    const prod = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-prod`)).body;

    expect((await admin.put(prod.links.update, { ...prod, metadata: { ...prod.metadata, annotations: { ...prod.metadata.annotations, touched: 'yes' } } })).status).toBe(200);
    const roChange = await roWs.next((m) => m.name === 'resource.change' && m.data?.id === 'fleet-default/harvester-prod');

    // ... rendered for that user: no remove/update links
    expect(roChange.data.links.remove).toBeUndefined();
    expect(roChange.data.links.update).toBeUndefined();

    const removing = await admin.delete(`/v1/${ PROV }/fleet-default/ws-new`);

    expect(removing.status).toBe(200);
    const removed = await adminWs.next((m) => m.name === 'resource.remove' && m.data?.id === 'fleet-default/ws-new');

    expect(removed.resourceType).toBe(PROV);
    // by now every event about ws-new has been sent; project-readonly got none
    await sleep(100);
    expect(roWs.about('fleet-default/ws-new')).toEqual([]);
    expect(noneWs.messages.filter((m) => m.resourceType === PROV && !['resource.error', 'resource.stop'].includes(m.name))).toEqual([]);
    expect(roWs.messages.filter((m) => m.resourceType === PROV && m.name !== 'resource.start').every((m) => m.data?.id === 'fleet-default/harvester-prod')).toBe(true);
  });

  it('watchers of management clusters get resource.remove for the cascade', async() => {
    const created = await admin.post('/v3/clusters', { type: 'cluster', name: 'ws-cascade' });
    const id: string = created.body.id;

    await waitFor('prov', async() => (await admin.get(`/v1/${ PROV }/fleet-default/${ id }`)).status === 200);
    const ws = await open(admin);

    await ws.watch(MGMT);
    await ws.watch(PROV);
    expect((await admin.delete(`/v1/${ PROV }/fleet-default/${ id }`)).status).toBe(200);
    await ws.next((m) => m.name === 'resource.remove' && m.resourceType === MGMT && m.data?.id === id);
    await ws.next((m) => m.name === 'resource.remove' && m.resourceType === PROV && m.data?.id === `fleet-default/${ id }`);
  });

  it('RBAC changes apply to the next event: after a grant project-readonly receives harvester-lab\'s changes, after revocation no longer', async() => {
    const roWs = await open(readonly);

    await roWs.watch(PROV);
    const labId = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body.status.clusterName;
    const roId = (await readonly.get('/v3/principals')).body.data[0].id;
    const touchLab = async(n: string) => {
      const lab = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-lab`)).body;
      const res = await admin.put(lab.links.update, { ...lab, metadata: { ...lab.metadata, annotations: { ...lab.metadata.annotations, n } } });

      expect(res.status).toBe(200);
    };

    await touchLab('0');
    const binding = await admin.post('/v3/clusterroletemplatebindings', {
      clusterId: labId, userPrincipalId: roId, roleTemplateId: 'cluster-member'
    });

    expect(binding.status).toBe(201);
    await touchLab('1');
    const seen = await roWs.next((m) => m.data?.id === 'fleet-default/harvester-lab');

    expect(seen.data.metadata.annotations.n).toBe('1');
    expect(seen.data.links.remove).toBeUndefined();
    expect((await admin.delete(`/v3/clusterroletemplatebindings/${ binding.body.id }`)).status).toBe(200);
    await touchLab('2');
    // a change project-readonly may see, sent after the one it may not: once it arrives, the other would have too
    const prod = (await admin.get(`/v1/${ PROV }/fleet-default/harvester-prod`)).body;

    await admin.put(prod.links.update, { ...prod, metadata: { ...prod.metadata, annotations: { ...prod.metadata.annotations, n: '2' } } });
    await roWs.next((m) => m.data?.id === 'fleet-default/harvester-prod' && m.data?.metadata?.annotations?.n === '2');
    expect(roWs.about('fleet-default/harvester-lab').map((m) => m.data.metadata.annotations.n)).toEqual(['1']);
  });

  it('resumes from a resourceVersion: replays what happened since', async() => {
    const revision = (await admin.get(`/v1/${ PROV }`)).body.revision;

    await admin.post(`/v1/${ PROV }/fleet-default`, {
      type: PROV, metadata: { name: 'ws-replayed' }, spec: {}
    });
    const ws = await open(admin);
    const from = ws.messages.length;

    await ws.watch(PROV, { resourceVersion: revision });
    await ws.next((m) => m.name === 'resource.create' && m.data?.id === 'fleet-default/ws-replayed', from);
  });

  it('errors: unknown type, and no access to the type', async() => {
    const ws = await open(admin);

    expect(await ws.watch('no.such.type')).toMatchObject({ name: 'resource.error', data: { error: expect.stringContaining('no.such.type') } });
    const none = await SimClient.cookieLogin(sim.url, 'no-access');
    const noneWs = await open(none);

    expect(await noneWs.watch('management.cattle.io.clusterregistrationtoken')).toMatchObject({ name: 'resource.error', data: { error: 'failed to find schema management.cattle.io.clusterregistrationtoken' } });
    noneWs.send({ resourceType: 'x' } as Record<string, unknown>);
    noneWs.socket.send('not json');
    await noneWs.next((m) => m.name === 'resource.error' && String(m.data?.error).includes('JSON'));
  });

  it('refuses an unauthenticated upgrade', async() => {
    const socket = new WebSocket(`${ sim.url.replace(/^http/, 'ws') }/v1/subscribe`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(`status ${ res.statusCode }`));
      socket.once('error', () => resolve('error'));
    });

    socket.terminate();
    expect(outcome).toBe('status 401');
  });

  it('refuses a disabled user\'s session, as every HTTP request does', async() => {
    const user = await SimClient.cookieLogin(sim.url, 'no-access');

    (await open(user)).close();
    const me = (await admin.get('/v1/management.cattle.io.users')).body.data.find((u: { username: string }) => u.username === 'no-access');
    // Rancher deactivates users through Norman; Steve's PUT on users is disallowed (disallow.go), so straight in the store.
    const setEnabled = (enabled: boolean) => sim.state.store.patch('management.cattle.io.user', me.id, (u) => {
      u.enabled = enabled;
    });

    setEnabled(false);
    sim.state.authorizer.invalidate();
    expect((await user.get('/v3/principals')).status).toBe(401);
    await expect(open(user)).rejects.toThrow(/401/);
    setEnabled(true);
  });

  it('the websocket-drop fault closes every socket', async() => {
    const ws = await open(admin);

    await ws.watch(PROV);
    expect((await control(sim.url).post('/sim/faults', { kind: 'websocket-drop' })).status).toBe(201);
    await waitFor('socket to close', () => ws.closed);
    // a new connection works
    const again = await open(admin);

    expect((await again.watch(PROV)).name).toBe('resource.start');
  });

  // Last: a reset restarts the store's event log.
  it('a resourceVersion older than the event log → resource.error "too old"', async() => {
    const old = (await admin.get(`/v1/${ PROV }`)).body.revision;

    expect((await control(sim.url).post('/sim/reset', {})).status).toBe(200);
    const fresh = await SimClient.cookieLogin(sim.url, 'admin');
    const ws = await open(fresh);
    const answer = await ws.watch(PROV, { resourceVersion: old });

    expect(answer).toMatchObject({
      name: 'resource.error', resourceType: PROV, data: { error: 'too old' }
    });
    // without a resourceVersion the watch starts
    expect((await ws.watch(PROV)).name).toBe('resource.start');
  });
});
