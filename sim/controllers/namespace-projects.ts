import type { KubeObject } from '../store/kube-object';
import type { ResourceStore } from '../store/resource-store';
import { TYPES } from '../steve/type-catalog';

/**
 * Which Rancher project a downstream namespace belongs to, and the marks Rancher's controllers
 * leave on it (rancher/rancher release/v2.10–v2.12):
 * - the annotation `field.cattle.io/projectId: <clusterId>:<project>` is the membership; whoever
 *   files a namespace into a project (the dashboard, kubectl) writes it. Rancher writes it itself
 *   only for its initial projects: `default` into the project labelled
 *   `authz.management.cattle.io/default-project`, the `system-namespaces` setting's namespaces
 *   into the one labelled `authz.management.cattle.io/system-project`, when the namespace is
 *   created without one (`pkg/controllers/managementuser/rbac/namespace_handler.go`
 *   `assignToInitialProject`) or when the project is (`project_handler.go`
 *   `assignNamespacesToProject`, `getDefaultAndSystemProjectsToNamespaces`);
 * - the label `field.cattle.io/projectId: <project>` follows the annotation
 *   (`pkg/controllers/managementagent/nslabels/labels.go` `addProjectIDLabelToNamespace`);
 * - project role bindings reach the namespaces whose annotation names their project
 *   (`namespace_handler.go` `ensurePRTBAddToNamespace`).
 * Where the simulator differs: its System namespaces are every `kube-*`, `cattle-*`, `harvester-*`
 * and `longhorn-*` (Rancher's default `system-namespaces`, `pkg/settings/setting.go`, lists
 * `kube-system`, `kube-public`, `kube-node-lease`, `cattle-system`, … but not `harvester-system`
 * or `longhorn-system`, which only Harvester's embedded Rancher adds:
 * harvester/harvester `pkg/controller/master/rancher/embedded_rancher.go`), and a namespace
 * without the annotation is shown with the initial project's marks rather than being rewritten.
 */
export const PROJECT_ID = 'field.cattle.io/projectId';
export const DEFAULT_PROJECT_LABEL = 'authz.management.cattle.io/default-project';
export const SYSTEM_PROJECT_LABEL = 'authz.management.cattle.io/system-project';

const SYSTEM_NAMESPACE = /^(kube-|cattle-|harvester-|longhorn-)/;

/** The label of the initial project Rancher files a namespace of this name into, if any. */
export function initialProjectLabel(namespace: string): string | undefined {
  if (namespace === 'default') {
    return DEFAULT_PROJECT_LABEL;
  }

  return SYSTEM_NAMESPACE.test(namespace) ? SYSTEM_PROJECT_LABEL : undefined;
}

/** `<clusterId>:<project>` of the cluster's project labelled `label` (Default, System). */
export function initialProjectKey(store: ResourceStore, clusterId: string, label: string): string | undefined {
  const project = store.list(TYPES.PROJECT).find((p) => p.metadata.namespace === clusterId && p.metadata.labels?.[label] === 'true');

  return project ? `${ clusterId }:${ project.metadata.name }` : undefined;
}

/** The project (`<clusterId>:<project>`) a downstream namespace belongs to, or undefined. */
export function namespaceProjectKey(store: ResourceStore, clusterId: string, ns: KubeObject): string | undefined {
  const annotated = ns.metadata.annotations?.[PROJECT_ID];

  if (annotated) {
    const [cluster, project] = annotated.split(':');

    return cluster === clusterId && project ? annotated : undefined;
  }
  const label = initialProjectLabel(ns.metadata.name);

  return label ? initialProjectKey(store, clusterId, label) : undefined;
}

/** The namespace with Rancher's annotation and label for `projectKey` (none: as it is). */
export function withProjectMarks(ns: KubeObject, projectKey: string | undefined): KubeObject {
  if (!projectKey) {
    return ns;
  }

  return {
    ...ns,
    metadata: {
      ...ns.metadata,
      labels:      { ...ns.metadata.labels, [PROJECT_ID]: projectKey.split(':')[1] },
      annotations: { ...ns.metadata.annotations, [PROJECT_ID]: projectKey },
    },
  };
}
