import type { Simulator } from '../../../sim/server';
import { TYPES } from '../../../sim/steve/type-catalog';
import { SimClient, startTestSim } from '../../integration/support/sim-client';

const PRTB = 'management.cattle.io.projectroletemplatebinding';
const CRTB = 'management.cattle.io.clusterroletemplatebinding';
const PRTB_DENIED = 'admission webhook "rancher.cattle.io.projectroletemplatebindings.management.cattle.io" denied the request: ';
const CRTB_DENIED = 'admission webhook "rancher.cattle.io.clusterroletemplatebindings.management.cattle.io" denied the request: ';

/**
 * Rancher's admission webhook on role template bindings (sim/webhook/role-template-bindings.ts),
 * over HTTP through Steve and Norman: refusals change nothing, an admin's bindings still work.
 */
describe('integration: the role template binding webhook', () => {
  let sim: Simulator;
  let admin: SimClient;
  let owner: SimClient;
  let prodId: string;
  let labId: string;
  let project: string; // p-xxxxx of harvester-prod's Default
  let ownerId: string;
  let noAccessId: string;

  const bindings = (type: string) => sim.state.store.list(type).map((b) => `${ b.metadata.namespace }/${ b.metadata.name }:${ b.roleTemplateName }:${ b.userName }`).sort();
  const snapshot = () => ({ prtbs: bindings(TYPES.PRTB), crtbs: bindings(TYPES.CRTB) });
  const expectDenied = (res: { status: number, body: unknown }, status: number, code: string, message: string) => {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: expect.objectContaining({
        type: 'error', status, code, message
      })
    });
  };

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.cookieLogin(sim.url, 'admin');
    owner = await SimClient.cookieLogin(sim.url, 'project-owner');
    const clusterOf = async(name: string) => (await admin.get(`/v1/provisioning.cattle.io.clusters/fleet-default/${ name }`)).body.status.clusterName;

    prodId = await clusterOf('harvester-prod');
    labId = await clusterOf('harvester-lab');
    project = sim.state.store.list(TYPES.PROJECT).find((p) => p.metadata.namespace === prodId && p.spec.displayName === 'Default')?.metadata.name as string;
    ownerId = sim.state.findUserByUsername('project-owner')?.metadata.name as string;
    noAccessId = sim.state.findUserByUsername('no-access')?.metadata.name as string;
  });
  afterAll(async() => {
    await sim?.close();
  });

  describe('the probe: a project owner reaching for cluster ownership', () => {
    it('a PRTB with the cluster-context role template cluster-owner is refused (400), through Steve and Norman, nothing created', async() => {
      const before = snapshot();
      const message = `${ PRTB_DENIED }projectroletemplatebinding.roleTemplate.context: Unsupported value: "cluster": supported values: "project"`;

      expectDenied(await owner.post(`/v1/${ PRTB }s/${ project }`, {
        type: PRTB, metadata: { generateName: 'prtb-', namespace: project }, projectName: `${ prodId }:${ project }`, roleTemplateName: 'cluster-owner', userName: ownerId, userPrincipalName: `local://${ ownerId }`,
      }), 400, 'BadRequest', message);
      expectDenied(await owner.post('/v3/projectroletemplatebindings', {
        type: 'projectRoleTemplateBinding', projectId: `${ prodId }:${ project }`, roleTemplateId: 'cluster-owner', userPrincipalId: `local://${ ownerId }`,
      }), 400, 'BadRequest', message);
      expect(snapshot()).toEqual(before);
    });

    it('a CRTB making themself cluster-owner is refused, nothing created (RBAC refuses first: a project owner holds no verb on CRTBs)', async() => {
      const before = snapshot();

      // Steve: no CRTB schema for them at all (404, no body); Norman: 403
      expect((await owner.post(`/v1/${ CRTB }s/${ prodId }`, {
        type: CRTB, metadata: { generateName: 'crtb-', namespace: prodId }, clusterName: prodId, roleTemplateName: 'cluster-owner', userName: ownerId,
      })).status).toBe(404);
      expect((await owner.post('/v3/clusterroletemplatebindings', {
        clusterId: prodId, userId: ownerId, roleTemplateId: 'cluster-owner'
      })).status).toBe(403);
      expect(snapshot()).toEqual(before);
    });

    it('a user who may create CRTBs but holds little may not grant cluster-owner (422 Invalid, escalation), through Steve and Norman', async() => {
      // a custom cluster role: manage the cluster's members, nothing else
      sim.state.store.create(TYPES.ROLE_TEMPLATE, {
        metadata:    { name: 'member-manager' },
        displayName: 'Member Manager',
        context:     'cluster',
        locked:      false,
        rules:       [{
          apiGroups: ['management.cattle.io'], resources: ['clusterroletemplatebindings'], verbs: ['*']
        }, {
          apiGroups: ['management.cattle.io'], resources: ['clusters'], verbs: ['get', 'list', 'watch']
        }],
      });
      sim.state.store.create(TYPES.CRTB, {
        metadata: { name: 'crtb-mm', namespace: prodId }, clusterName: prodId, roleTemplateName: 'member-manager', userName: noAccessId
      });
      const manager = await SimClient.cookieLogin(sim.url, 'no-access');
      const before = snapshot();
      const message = `${ CRTB_DENIED }user "${ noAccessId }" (groups=[]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}`;

      expectDenied(await manager.post(`/v1/${ CRTB }s/${ prodId }`, {
        type: CRTB, metadata: { name: 'crtb-escalate', namespace: prodId }, clusterName: prodId, roleTemplateName: 'cluster-owner', userName: noAccessId,
      }), 422, 'Invalid', message);
      expectDenied(await manager.post('/v3/clusterroletemplatebindings', {
        clusterId: prodId, userId: noAccessId, roleTemplateId: 'cluster-owner'
      }), 422, 'Invalid', message);
      expect(snapshot()).toEqual(before);
      // what they hold, they may grant
      expect((await manager.post('/v3/clusterroletemplatebindings', {
        clusterId: prodId, userId: ownerId, roleTemplateId: 'member-manager'
      })).status).toBe(201);
    });
  });

  it('a CRTB whose clusterName is not its namespace is refused (400), even for an admin', async() => {
    const before = snapshot();

    expectDenied(await admin.post(`/v1/${ CRTB }s/${ labId }`, {
      type: CRTB, metadata: { name: 'crtb-mismatch', namespace: labId }, clusterName: prodId, roleTemplateName: 'cluster-member', userName: noAccessId,
    }), 400, 'BadRequest', `${ CRTB_DENIED }clusterroletemplatebinding: Forbidden: clusterName and namespace must be the same value`);
    expect(snapshot()).toEqual(before);
  });

  it('immutable fields: PUT and PATCH changing them are refused (400), the binding unchanged; other edits pass', async() => {
    const seeded = sim.state.store.list(TYPES.PRTB).find((b) => b.userName === ownerId && b.roleTemplateName === 'project-owner');
    const path = `/v1/${ PRTB }s/${ seeded?.metadata.namespace }/${ seeded?.metadata.name }`;
    const current = (await admin.get(path)).body;
    const before = snapshot();

    expectDenied(await admin.put(path, { ...current, roleTemplateName: 'read-only' }), 400, 'BadRequest',
      `${ PRTB_DENIED }projectroletemplatebinding.roleTemplateName: Invalid value: "read-only": field is immutable`);
    expectDenied(await admin.request('PATCH', path, { body: { userName: noAccessId } }), 400, 'BadRequest',
      `${ PRTB_DENIED }projectroletemplatebinding.userName: Invalid value: "${ noAccessId }": field is immutable`);
    expectDenied(await admin.request('PATCH', path, { body: { projectName: `${ labId }:${ project }` } }), 400, 'BadRequest',
      `${ PRTB_DENIED }projectroletemplatebinding.projectName: Invalid value: "${ labId }:${ project }": field is immutable`);
    expect(snapshot()).toEqual(before);

    const crtb = (await admin.post(`/v1/${ CRTB }s/${ labId }`, {
      type: CRTB, metadata: { name: 'crtb-edit', namespace: labId }, clusterName: labId, roleTemplateName: 'cluster-member', userName: noAccessId,
    }));

    expect(crtb.status).toBe(201);
    expectDenied(await admin.request('PATCH', `/v1/${ CRTB }s/${ labId }/crtb-edit`, { body: { clusterName: prodId } }), 400, 'BadRequest',
      `${ CRTB_DENIED }clusterroletemplatebinding.clusterName: Invalid value: "${ prodId }": field is immutable`);
    expect((await admin.request('PATCH', `/v1/${ CRTB }s/${ labId }/crtb-edit`, { body: { metadata: { labels: { edited: 'yes' } } } })).status).toBe(200);
    expect((await admin.request('PATCH', path, { body: { metadata: { labels: { edited: 'yes' } } } })).status).toBe(200);
  });

  it('an admin\'s valid bindings still work, and the seeded bindings are creatable through the API', async() => {
    const steve = await admin.post(`/v1/${ PRTB }s/${ project }`, {
      type: PRTB, metadata: { name: 'prtb-admin', namespace: project }, projectName: `${ prodId }:${ project }`, roleTemplateName: 'project-member', userName: noAccessId,
    });

    expect(steve.status).toBe(201);
    expect((await admin.post('/v3/clusterroletemplatebindings', {
      clusterId: labId, userId: noAccessId, roleTemplateId: 'cluster-owner'
    })).status).toBe(201);
    for (const b of sim.state.store.list(TYPES.PRTB).filter((x) => x.metadata.annotations?.['field.cattle.io/creatorId'])) {
      const copy = await admin.post(`/v1/${ PRTB }s/${ b.metadata.namespace }`, {
        type: PRTB, metadata: { generateName: 'prtb-', namespace: b.metadata.namespace }, projectName: b.projectName, roleTemplateName: b.roleTemplateName, userName: b.userName, userPrincipalName: b.userPrincipalName,
      });

      expect({ rt: b.roleTemplateName, status: copy.status }).toEqual({ rt: b.roleTemplateName, status: 201 });
    }
  });

  it('a project owner may still add members with the project roles they hold (the member editor\'s Norman POSTs)', async() => {
    for (const roleTemplateId of ['read-only', 'project-member', 'project-owner']) {
      const res = await owner.post('/v3/projectroletemplatebindings', {
        type: 'projectRoleTemplateBinding', projectId: `${ prodId }:${ project }`, roleTemplateId, userPrincipalId: `local://${ noAccessId }`,
      });

      expect({ roleTemplateId, status: res.status }).toEqual({ roleTemplateId, status: 201 });
    }
  });
});
