import { stringify } from 'yaml';
import { errors } from '../core/api-error';

export const AGENT_IMAGE = 'rancher/rancher-agent:v2.12.3';

/** `<server-url>/v3/import/<token>_<clusterId>.yaml` → its parts. */
export function parseManifestUrl(manifestUrl: unknown): { secret: string, clusterId: string, serverUrl: string } {
  if (typeof manifestUrl !== 'string' || !manifestUrl) {
    throw errors.missingRequired('manifestUrl');
  }
  let url: URL;

  try {
    url = new URL(manifestUrl);
  } catch {
    throw errors.invalidFormat('manifestUrl', `"${ manifestUrl }" is not a URL`);
  }
  const m = /\/v3\/import\/([a-z0-9]+)_([a-z0-9-]+)\.yaml$/.exec(url.pathname);

  if (!m) {
    throw errors.invalidFormat('manifestUrl', 'expected a Rancher registration URL ending in /v3/import/<token>_<cluster-id>.yaml');
  }

  return { secret: m[1], clusterId: m[2], serverUrl: url.origin };
}

/** The agent manifest Rancher serves for a registration token (what `kubectl apply -f` installs). */
export function renderAgentManifest(serverUrl: string, secret: string): string {
  const labels = { app: 'cattle-cluster-agent' };
  const docs = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cattle-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cattle', namespace: 'cattle-system' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind:       'ClusterRoleBinding',
      metadata:   { name: 'cattle-admin-binding', labels: { 'cattle.io/creator': 'norman' } },
      subjects:   [{ kind: 'ServiceAccount', name: 'cattle', namespace: 'cattle-system' }],
      roleRef:    { kind: 'ClusterRole', name: 'cattle-admin', apiGroup: 'rbac.authorization.k8s.io' },
    },
    {
      apiVersion: 'v1',
      kind:       'Secret',
      metadata:   { name: `cattle-credentials-${ secret.slice(0, 7) }`, namespace: 'cattle-system' },
      type:       'Opaque',
      data:       { url: Buffer.from(serverUrl).toString('base64'), token: Buffer.from(secret).toString('base64'), namespace: '' },
    },
    {
      apiVersion: 'apps/v1',
      kind:       'Deployment',
      metadata:   { name: 'cattle-cluster-agent', namespace: 'cattle-system', annotations: { 'management.cattle.io/scale-available': '2' } },
      spec:       {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec:     {
            serviceAccountName: 'cattle',
            containers:         [{
              name:  'cluster-register',
              image: AGENT_IMAGE,
              env:   [
                { name: 'CATTLE_SERVER', value: serverUrl },
                { name: 'CATTLE_CLUSTER', value: 'true' },
                { name: 'CATTLE_K8S_MANAGED', value: 'true' },
                { name: 'CATTLE_CLUSTER_REGISTRY', value: '' },
              ],
              volumeMounts: [{ name: 'cattle-credentials', mountPath: '/cattle-credentials', readOnly: true }],
            }],
            volumes: [{ name: 'cattle-credentials', secret: { secretName: `cattle-credentials-${ secret.slice(0, 7) }`, defaultMode: 320 } }],
          },
        },
      },
    },
  ];

  return docs.map((d) => `---\n${ stringify(d) }`).join('');
}
