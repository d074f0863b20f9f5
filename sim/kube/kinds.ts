/**
 * The Kubernetes kinds a simulated Harvester cluster serves: what the Rancher agent manifest holds
 * (rancher/rancher `pkg/systemtemplate/template.go`), the objects an operator inspects, and
 * Harvester's `settings.harvesterhci.io` (harvester/harvester `pkg/apis/harvesterhci.io/v1beta1`,
 * cluster-scoped), and what a Harvester's workloads are made of: virtual machines, VM images and
 * volumes (PVCs). Names, short names, verbs and scopes as a real API server's discovery lists them.
 */
export interface KubeKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const KINDS: readonly KubeKind[] = [
  {
    group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'],
  },
  {
    group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', namespaced: true, shortNames: ['sa'],
  },
  {
    group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true,
  },
  {
    group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true, shortNames: ['cm'],
  },
  {
    group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'],
  },
  {
    group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'],
  },
  {
    group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', singular: 'role', namespaced: true,
  },
  {
    group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', namespaced: true,
  },
  {
    group: 'harvesterhci.io', version: 'v1beta1', kind: 'Setting', plural: 'settings', singular: 'setting', namespaced: false,
  },
  // A Harvester volume (k8s.io/api core/v1 types.go; short name from k8s.io/kubernetes
  // pkg/registry/core/persistentvolumeclaim/storage/storage.go).
  {
    group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', namespaced: true, shortNames: ['pvc'],
  },
  // kubevirt/kubevirt pkg/virt-operator/resource/generate/components/crds.go NewVirtualMachineCrd
  // (release-1.3, release-1.4: the KubeVirt of Harvester v1.4 and v1.5).
  {
    group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine', plural: 'virtualmachines', singular: 'virtualmachine', namespaced: true, shortNames: ['vm', 'vms'], categories: ['all'],
  },
  // harvester/harvester deploy/charts/harvester-crd/templates/harvesterhci.io_virtualmachineimages.yaml
  {
    group: 'harvesterhci.io', version: 'v1beta1', kind: 'VirtualMachineImage', plural: 'virtualmachineimages', singular: 'virtualmachineimage', namespaced: true, shortNames: ['vmimage', 'vmimages'],
  },
];

export function kindVerbs(): string[] {
  return [...VERBS];
}

export function apiVersionOf(k: Pick<KubeKind, 'group' | 'version'>): string {
  return k.group ? `${ k.group }/${ k.version }` : k.version;
}

/** The kind served at `/api/v1/<plural>` or `/apis/<group>/<version>/<plural>`. */
export function kindByResource(group: string, version: string, plural: string): KubeKind | undefined {
  return KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
}

export function kindOf(apiVersion: string, kind: string): KubeKind | undefined {
  return KINDS.find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
}

/** Group versions in discovery order: the core group first, then the named groups. */
export function groupVersions(): { group: string, version: string }[] {
  const seen = new Map<string, { group: string, version: string }>();

  for (const k of KINDS) {
    seen.set(apiVersionOf(k), { group: k.group, version: k.version });
  }

  return [...seen.values()];
}

/** `secrets` / `deployments.apps`: how Kubernetes names a resource in messages. */
export function qualifiedResource(k: KubeKind): string {
  return k.group ? `${ k.plural }.${ k.group }` : k.plural;
}
