import type { KubeKind } from './kinds';
import { apiVersionOf, groupVersions, KINDS, kindVerbs } from './kinds';

/**
 * Legacy (unaggregated) discovery, as kube-apiserver serves it (k8s.io/apiserver
 * `pkg/endpoints/discovery`): `/api` → APIVersions, `/apis` → APIGroupList, each group version →
 * APIResourceList. kubectl asks for aggregated discovery (apidiscovery.k8s.io/v2) first and reads
 * these when the answer's content type says plain JSON (k8s.io/client-go `discovery/discovery_client.go`).
 */
export const KUBERNETES_VERSION = {
  major: '1', minor: '31', gitVersion: 'v1.31.4+rke2r1', gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b', gitTreeState: 'clean', buildDate: '2024-12-10T18:22:43Z', goVersion: 'go1.22.9 X:boringcrypto', compiler: 'gc', platform: 'linux/amd64'
};

export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList() {
  const groups = new Map<string, string[]>();

  for (const gv of groupVersions().filter((g) => g.group)) {
    groups.set(gv.group, [...(groups.get(gv.group) || []), gv.version]);
  }

  return {
    kind:       'APIGroupList',
    apiVersion: 'v1',
    groups:     [...groups.entries()].map(([name, versions]) => ({
      name,
      versions:         versions.map((version) => ({ groupVersion: `${ name }/${ version }`, version })),
      preferredVersion: { groupVersion: `${ name }/${ versions[0] }`, version: versions[0] },
    })),
  };
}

function resourceEntry(k: KubeKind) {
  return {
    name:         k.plural,
    singularName: k.singular,
    namespaced:   k.namespaced,
    kind:         k.kind,
    verbs:        kindVerbs(),
    ...(k.shortNames ? { shortNames: k.shortNames } : {}),
    ...(k.categories ? { categories: k.categories } : {}),
  };
}

/** The APIResourceList of `group/version`, or undefined when this server has no such group version. */
export function apiResourceList(group: string, version: string) {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);

  if (!kinds.length) {
    return undefined;
  }

  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources: kinds.map(resourceEntry),
  };
}
