import { createHash } from 'crypto';
import { stringify } from 'yaml';
import { errors } from '../core/api-error';

export const AGENT_IMAGE_REPOSITORY = 'rancher/rancher-agent';

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

  return {
    secret: m[1], clusterId: m[2], serverUrl: url.origin
  };
}

/** rancher `pkg/systemtemplate/import.go`: the first 10 hex digits of sha256("<url>.<token>.<namespace>"). */
export function credentialSecretName(serverUrl: string, token: string): string {
  return `cattle-credentials-${ createHash('sha256').update(`${ serverUrl }.${ token }.`).digest('hex').slice(0, 10) }`;
}

export interface ManifestOptions {
  serverUrl: string;
  token: string;
  /** rancher-agent image tag: the Rancher release. */
  rancherVersion: string;
  /** 2.10 carries `CATTLE_IS_RKE` and the `master` tolerations; 2.12 `CATTLE_SUC_APP_NAME_OVERRIDE`. */
  minor: number;
  /** sha256 of the `cacerts` setting plus "\n", or "" when Rancher has no private CA. */
  caChecksum: string;
  /** `agent-tls-mode` = strict → STRICT_VERIFY=true. */
  strictVerify: boolean;
}

const AGENT_LABELS = { app: 'cattle-cluster-agent' };

function agentDeployment(o: ManifestOptions, secretName: string) {
  const env = [
    ...(o.minor <= 10 ? [{ name: 'CATTLE_IS_RKE', value: 'false' }] : []),
    { name: 'CATTLE_SERVER', value: o.serverUrl },
    { name: 'CATTLE_CA_CHECKSUM', value: o.caChecksum },
    { name: 'CATTLE_CLUSTER', value: 'true' },
    { name: 'CATTLE_K8S_MANAGED', value: 'true' },
    { name: 'CATTLE_CLUSTER_REGISTRY', value: '' },
    { name: 'CATTLE_CREDENTIAL_NAME', value: secretName },
    ...(o.minor >= 12 ? [{ name: 'CATTLE_SUC_APP_NAME_OVERRIDE', value: '' }] : []),
    { name: 'STRICT_VERIFY', value: String(o.strictVerify) },
  ];
  const tolerations = [
    {
      effect: 'NoSchedule', key: 'node-role.kubernetes.io/controlplane', value: 'true'
    },
    {
      effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Exists'
    },
    ...(o.minor <= 10 ? [{
      effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Exists'
    }] : []),
  ];

  return {
    apiVersion: 'apps/v1',
    kind:       'Deployment',
    metadata:   {
      name: 'cattle-cluster-agent', namespace: 'cattle-system', annotations: { 'management.cattle.io/scale-available': '2' }
    },
    spec: {
      selector: { matchLabels: AGENT_LABELS },
      template: {
        metadata: { labels: AGENT_LABELS },
        spec:     {
          serviceAccountName: 'cattle',
          tolerations,
          containers:         [{
            name:            'cluster-register',
            imagePullPolicy: 'IfNotPresent',
            image:           `${ AGENT_IMAGE_REPOSITORY }:${ o.rancherVersion }`,
            env,
            volumeMounts:    [{
              name: 'cattle-credentials', mountPath: '/cattle-credentials', readOnly: true
            }],
          }],
          volumes: [{ name: 'cattle-credentials', secret: { secretName, defaultMode: 320 } }],
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    },
  };
}

/** What identifies an agent's credentials (a change restarts it), without keeping the token. */
export function agentCredentials(serverUrl: string, token: string): string {
  return createHash('sha256').update(`${ serverUrl }.${ token }`).digest('hex');
}

/**
 * The agent manifest Rancher serves for a registration token (what `kubectl apply -f` installs),
 * object by object as rancher `pkg/systemtemplate/template.go` renders it for an imported
 * cluster (release/v2.10 and release/v2.12; no private registry, no kube-api-auth, no node agent).
 */
export function renderAgentManifest(o: ManifestOptions): string {
  return agentManifestObjects(o).map((d) => `---\n${ stringify(d) }`).join('');
}

export function agentManifestObjects(o: ManifestOptions) {
  const secretName = credentialSecretName(o.serverUrl, o.token);
  const rbac = 'rbac.authorization.k8s.io';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const docs = [
    {
      apiVersion: `${ rbac }/v1`,
      kind:       'ClusterRole',
      metadata:   { name: 'proxy-clusterrole-kubeapiserver' },
      rules:      [{
        apiGroups: [''], resources: ['nodes/metrics', 'nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec'], verbs: ['get', 'list', 'watch', 'create']
      }],
    },
    {
      apiVersion: `${ rbac }/v1`,
      kind:       'ClusterRoleBinding',
      metadata:   { name: 'proxy-role-binding-kubernetes-master' },
      roleRef:    {
        apiGroup: rbac, kind: 'ClusterRole', name: 'proxy-clusterrole-kubeapiserver'
      },
      subjects: [{
        apiGroup: rbac, kind: 'User', name: 'kube-apiserver'
      }],
    },
    {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cattle-system' }
    },
    {
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cattle', namespace: 'cattle-system' }
    },
    {
      apiVersion: `${ rbac }/v1`,
      kind:       'ClusterRoleBinding',
      metadata:   {
        name: 'cattle-admin-binding', namespace: 'cattle-system', labels: { 'cattle.io/creator': 'norman' }
      },
      subjects: [{
        kind: 'ServiceAccount', name: 'cattle', namespace: 'cattle-system'
      }],
      roleRef: {
        kind: 'ClusterRole', name: 'cattle-admin', apiGroup: rbac
      },
    },
    {
      apiVersion: 'v1',
      kind:       'Secret',
      metadata:   { name: secretName, namespace: 'cattle-system' },
      type:       'Opaque',
      data:       {
        url: b64(o.serverUrl), token: b64(o.token), namespace: ''
      },
    },
    {
      apiVersion: `${ rbac }/v1`,
      kind:       'ClusterRole',
      metadata:   { name: 'cattle-admin', labels: { 'cattle.io/creator': 'norman' } },
      rules:      [{
        apiGroups: ['*'], resources: ['*'], verbs: ['*']
      }, { nonResourceURLs: ['*'], verbs: ['*'] }],
    },
    agentDeployment(o, secretName),
    {
      apiVersion: 'v1',
      kind:       'Service',
      metadata:   { name: 'cattle-cluster-agent', namespace: 'cattle-system' },
      spec:       {
        ports: [
          {
            port: 80, targetPort: 80, protocol: 'TCP', name: 'http'
          },
          {
            port: 443, targetPort: 444, protocol: 'TCP', name: 'https-internal'
          },
        ],
        selector: AGENT_LABELS,
      },
    },
  ];

  return docs;
}
