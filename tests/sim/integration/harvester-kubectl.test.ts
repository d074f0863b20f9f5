import type { Simulator } from '../../../sim/server';
import { harvesterKubeconfig, kubectl, RunResult } from '../../integration/support/kubectl';
import { control, SimClient, startTestSim, waitFor } from '../../integration/support/sim-client';

const MGMT = 'management.cattle.io.cluster';
const HARVESTER_LABELS = { 'provider.cattle.io': 'harvester' };

/**
 * The simulated Harvester's Kubernetes API with the real kubectl: discovery, OpenAPI (kubectl
 * validates on the server with `fieldValidation=Strict`), apply (client- and server-side), patch
 * types, watch-based `delete --wait`, and kubectl's own error paths.
 */
describe('sim: a simulated Harvester speaks Kubernetes to the real kubectl', () => {
  let sim: Simulator;
  let admin: SimClient;
  let env: { kubeconfig: string, home: string };
  const ok = (r: RunResult) => {
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error|unhandled/i) });

    return r.stdout;
  };

  async function newCluster(name: string): Promise<{ id: string, manifestUrl: string }> {
    const created = await admin.post('/v3/clusters', {
      type: 'cluster', name, labels: HARVESTER_LABELS
    });
    const token = await waitFor('token', async() => (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ created.body.id }`)).body.data[0]);

    return { id: created.body.id, manifestUrl: token.manifestUrl };
  }

  async function state(id: string): Promise<string> {
    return (await admin.get(`/v1/${ MGMT }/${ id }`)).body?.metadata?.state?.name;
  }

  beforeAll(async() => {
    sim = await startTestSim();
    admin = await SimClient.bearerLogin(sim.url, 'admin');
    expect((await control(sim.url).post('/sim/harvester', { name: 'rack-1', version: 'v1.8.0' })).status).toBe(201);
    env = await harvesterKubeconfig(sim.url, 'rack-1');
  });
  afterAll(async() => {
    await sim?.close();
  });

  it('discovery, OpenAPI and the server version: kubectl lists the kinds and the installation', async() => {
    const resources = ok(await kubectl(['api-resources', '--no-headers'], env));

    for (const line of [/^namespaces\s+ns\s+v1\s+false\s+Namespace/m, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/m, /^settings\s+harvesterhci.io\/v1beta1\s+false\s+Setting/m]) {
      expect(resources).toMatch(line);
    }
    expect(JSON.parse(ok(await kubectl(['version', '-o', 'json'], env))).serverVersion.gitVersion).toBe('v1.31.4+rke2r1');
    expect(ok(await kubectl(['get', 'ns', '-o', 'name'], env)).split('\n')).toEqual(expect.arrayContaining(['namespace/cattle-system', 'namespace/harvester-system']));
    expect(ok(await kubectl(['get', 'settings.harvesterhci.io', 'server-version', '-o', 'jsonpath={.value}'], env))).toBe('v1.8.0');
  });

  it('kubectl apply -f <registration URL> creates the manifest\'s objects; the agent reads its Secret and Rancher shows Active', async() => {
    const { id, manifestUrl } = await newCluster('rack-1');
    const out = ok(await kubectl(['apply', '-f', manifestUrl], env));

    expect(out).toContain('deployment.apps/cattle-cluster-agent created');
    expect(out).toMatch(/secret\/cattle-credentials-[0-9a-f]{10} created/);
    expect(out).toContain('clusterrole.rbac.authorization.k8s.io/cattle-admin created');
    expect(out).toContain('service/cattle-cluster-agent created');
    await waitFor('Active', async() => (await state(id)) === 'active');
    expect(ok(await kubectl(['get', 'deploy', '-n', 'cattle-system', 'cattle-cluster-agent', '-o', 'jsonpath={.status.availableReplicas}'], env))).toBe('1');
    // a second apply changes nothing; server-side apply is accepted too
    expect(ok(await kubectl(['apply', '-f', manifestUrl], env))).toContain('deployment.apps/cattle-cluster-agent unchanged');
    expect(ok(await kubectl(['apply', '--server-side', '-f', manifestUrl], env))).toContain('deployment.apps/cattle-cluster-agent serverside-applied');
    expect(await state(id)).toBe('active');
  });

  it('strategic merge, JSON merge and JSON patches as kubectl sends them', async() => {
    ok(await kubectl(['-n', 'cattle-system', 'patch', 'deploy', 'cattle-cluster-agent', '-p',
      JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'cluster-register', env: [{ name: 'HTTP_PROXY', value: 'http://proxy:3128' }] }] } } } })], env));
    const deployment = JSON.parse(ok(await kubectl(['-n', 'cattle-system', 'get', 'deploy', 'cattle-cluster-agent', '-o', 'json'], env)));
    const envNames = deployment.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);

    // merged by the containers' and env's merge keys, not replaced
    expect(envNames).toEqual(expect.arrayContaining(['CATTLE_SERVER', 'CATTLE_CA_CHECKSUM', 'HTTP_PROXY']));
    expect(deployment.metadata.generation).toBe(2);
    ok(await kubectl(['label', 'ns', 'default', 'team=virt'], env));
    ok(await kubectl(['patch', 'ns', 'default', '--type', 'json', '-p', '[{"op":"add","path":"/metadata/annotations","value":{"note":"x"}}]'], env));
    const ns = JSON.parse(ok(await kubectl(['get', 'ns', 'default', '-o', 'json'], env)));

    expect(ns.metadata).toMatchObject({ labels: { team: 'virt' }, annotations: { note: 'x' } });
  });

  it('kubectl\'s error paths: unknown kind, not found, already exists, conflict, invalid, unknown field, bad token', async() => {
    expect(await kubectl(['get', 'widgets'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('the server doesn\'t have a resource type "widgets"') });
    expect(await kubectl(['get', 'secret', 'nope', '-n', 'default'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('Error from server (NotFound): secrets "nope" not found') });
    expect(await kubectl(['create', 'ns', 'default'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('Error from server (AlreadyExists): namespaces "default" already exists') });
    const stale = JSON.parse(ok(await kubectl(['get', 'ns', 'default', '-o', 'json'], env)));

    ok(await kubectl(['label', 'ns', 'default', 'again=yes'], env));
    expect(await kubectl(['replace', '-f', '-'], env, JSON.stringify(stale))).toMatchObject({ code: 1, stderr: expect.stringContaining('Error from server (Conflict)') });
    const mismatched = {
      apiVersion: 'apps/v1',
      kind:       'Deployment',
      metadata:   { name: 'web', namespace: 'default' },
      spec:       { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };

    expect(await kubectl(['apply', '-f', '-'], env, JSON.stringify(mismatched))).toMatchObject({ code: 1, stderr: expect.stringContaining('The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value') });
    expect(await kubectl(['apply', '-f', '-'], env, JSON.stringify({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, datta: {}
    }))).toMatchObject({ code: 1, stderr: expect.stringContaining('strict decoding error: unknown field "datta"') });
    expect(await kubectl(['apply', '-f', '-'], env, JSON.stringify({
      apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' }
    }))).toMatchObject({ code: 1, stderr: expect.stringContaining('no matches for kind "Widget" in version "v1"') });
    expect(await kubectl(['get', 'ns', '--token', 'wrong'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('You must be logged in to the server') });
  });

  it('an agent whose Secret holds a wrong token never registers; the right token brings it back', async() => {
    const { id, manifestUrl } = await newCluster('rack-token');

    expect((await control(sim.url).post('/sim/harvester', { name: 'rack-token', version: 'v1.8.0' })).status).toBe(201);
    const tokenEnv = await harvesterKubeconfig(sim.url, 'rack-token');
    const manifest = await (await fetch(manifestUrl)).text();
    const secretName = /name: (cattle-credentials-[0-9a-f]+)/.exec(manifest)?.[1] as string;
    const forged = manifest.replace(/(\n {2}token: )\S+/, `$1${ Buffer.from('not-a-registration-token').toString('base64') }`);

    ok(await kubectl(['apply', '-f', '-'], tokenEnv, forged));
    const stalled = await waitFor('the agent to give up', async() => {
      const h = (await control(sim.url).get('/sim/harvester/rack-token')).body;

      return h.history.some((l: string) => l.includes('cannot register')) ? h : undefined;
    });

    expect(stalled.agent).toBeNull();
    expect(stalled.history.join('\n')).toContain('cluster not found');
    expect(await state(id)).not.toBe('active');
    // the right manifest again: the Secret's token changes and the agent registers
    ok(await kubectl(['apply', '-f', manifestUrl], tokenEnv));
    await waitFor('Active', async() => (await state(id)) === 'active');
    expect(ok(await kubectl(['-n', 'cattle-system', 'get', 'secret', secretName, '-o', 'jsonpath={.type}'], tokenEnv))).toBe('Opaque');
  });

  it('kubectl delete -f <registration URL> waits for cattle-system to go; the agent stops and Rancher loses the cluster', async() => {
    const clusters = (await admin.get(`/v1/${ MGMT }`)).body.data;
    const id = clusters.find((c: { spec: { displayName: string } }) => c.spec.displayName === 'rack-1').id;
    const token = (await admin.get(`/v3/clusterregistrationtokens?clusterId=${ id }`)).body.data[0];
    const out = ok(await kubectl(['delete', '-f', token.manifestUrl], env));

    expect(out).toContain('namespace "cattle-system" deleted');
    expect(out).toContain('deployment.apps "cattle-cluster-agent" deleted');
    expect(await kubectl(['get', 'ns', 'cattle-system'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('namespaces "cattle-system" not found') });
    const h = (await control(sim.url).get('/sim/harvester/rack-1')).body;

    expect(h).toMatchObject({ agent: null, broken: expect.stringContaining('cattle-system') });
    await waitFor('unavailable', async() => (await state(id)) === 'unavailable');
  });
});
