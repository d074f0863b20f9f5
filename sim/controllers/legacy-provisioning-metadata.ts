import type { KubeObject } from '../store/kube-object';

/**
 * What Rancher's `provisioning-cluster-create` generating handler puts into the metadata of the
 * provisioning cluster it keeps for a cluster made through Norman (`c-xxxxx`): the management
 * cluster's labels and annotations without `kubectl.kubernetes.io/…` and anything containing
 * `cattle.io/` (wrangler `pkg/yaml` CleanAnnotationsForExport, v3.2.1 / v3.2.4 / v3.3.5), plus the
 * display name annotation. The handler runs on every change of the management cluster, so a label
 * saved through Norman reaches the provisioning cluster. rancher/rancher
 * pkg/controllers/provisioningv2/cluster/controller.go generateProvisioningClusterFromLegacyCluster
 * (release/v2.10, v2.11, v2.12).
 */
export const DISPLAY_NAME_ANNOTATION = 'provisioning.cattle.io/management-cluster-display-name';

/**
 * Wrangler's apply remembers what it applied (`objectset.rio.cattle.io/applied`) and removes a key
 * it applied before and no longer applies, leaving keys others set alone. The simulator records
 * the applied key names only (wrangler keeps the whole object, gzipped), which is what that
 * three-way merge needs for labels and annotations.
 */
export const APPLIED_ANNOTATION = 'objectset.rio.cattle.io/applied';

const CLEAN_PREFIXES = ['kubectl.kubernetes.io/'];
const CLEAN_CONTAINS = ['cattle.io/'];

export function cleanForExport(map: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map || {}).filter(([key]) => !CLEAN_PREFIXES.some((p) => key.startsWith(p)) && !CLEAN_CONTAINS.some((c) => key.includes(c))));
}

interface AppliedKeys {
  labels: string[];
  annotations: string[];
}

function appliedKeys(prov: KubeObject): AppliedKeys {
  try {
    const parsed = JSON.parse(prov.metadata.annotations?.[APPLIED_ANNOTATION] || '{}');

    return { labels: Array.isArray(parsed.labels) ? parsed.labels : [], annotations: Array.isArray(parsed.annotations) ? parsed.annotations : [] };
  } catch {
    return { labels: [], annotations: [] };
  }
}

function merged(current: Record<string, string> | undefined, previouslyApplied: string[], desired: Record<string, string>): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(current || {}).filter(([key]) => !previouslyApplied.includes(key)));

  return { ...kept, ...desired };
}

/** The generated metadata for `prov` from `mgmt`; undefined when nothing would change. */
export function legacyProvisioningMetadata(mgmt: KubeObject, prov: KubeObject): { labels: Record<string, string>, annotations: Record<string, string> } | undefined {
  const labels = cleanForExport(mgmt.metadata.labels);
  const annotations = { ...cleanForExport(mgmt.metadata.annotations), [DISPLAY_NAME_ANNOTATION]: String(mgmt.spec?.displayName ?? '') };
  const before = appliedKeys(prov);
  const record = JSON.stringify({ labels: Object.keys(labels).sort(), annotations: Object.keys(annotations).sort() });
  const next = {
    labels:      merged(prov.metadata.labels, before.labels, labels),
    annotations: { ...merged(prov.metadata.annotations, [...before.annotations, APPLIED_ANNOTATION], annotations), [APPLIED_ANNOTATION]: record },
  };
  const same = (a: Record<string, string> | undefined, b: Record<string, string>) => JSON.stringify(Object.entries(a || {}).sort()) === JSON.stringify(Object.entries(b).sort());

  return same(prov.metadata.labels, next.labels) && same(prov.metadata.annotations, next.annotations) ? undefined : next;
}
