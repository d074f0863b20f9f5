import type { SimState } from '../state';
import type { HookRegistry } from '../steve/hooks';
import { TYPES } from '../steve/type-catalog';
import type { KubeObject } from '../store/kube-object';
import { ApiError } from '../core/api-error';

const PROJECT_WEBHOOK = 'rancher.cattle.io.projects.management.cattle.io';

/**
 * A project created through the API gets its backing namespace in the local cluster, where its
 * role template bindings live:
 * - rancher/webhook `pkg/resources/management.cattle.io/v3/project/mutator.go` (`admitCreate`,
 *   `createProjectNamespace`; identical at v0.6.12, v0.7.10, v0.8.9 for Rancher 2.10–2.12) sets
 *   `status.backingNamespace` to `name.SafeConcatName(spec.clusterName, lower(name))` and refuses
 *   the project when that namespace already exists ("namespace <ns> already exists");
 * - rancher/rancher `pkg/controllers/management/auth/project_cluster/project_handler.go`
 *   (`projectLifecycle.Create` → `reconcileResourceToNamespace`, release/v2.10–v2.12) creates the
 *   namespace.
 * Where the simulator differs: the namespace exists as soon as the project does (Rancher's
 * controller makes it moments later), the creator's owner binding the same controller adds is not
 * made, and SafeConcatName's hashing of names longer than 63 characters is not modelled (a
 * generated project name keeps the concatenation well under it).
 */
export function backingNamespaceOf(project: KubeObject): string {
  return `${ project.spec?.clusterName || project.metadata.namespace }-${ project.metadata.name.toLowerCase() }`;
}

export function registerProjectBackingNamespace(hooks: HookRegistry, state: SimState): void {
  hooks.register(TYPES.PROJECT, {
    beforeCreate: (draft) => {
      const namespace = backingNamespaceOf(draft);

      if (state.store.has(TYPES.NAMESPACE, namespace)) {
        // the mutator's error is the webhook failing, which kube-apiserver relays as an internal error
        throw new ApiError(500, 'InternalError', `Internal error occurred: failed calling webhook "${ PROJECT_WEBHOOK }": failed to create project namespace : namespace ${ namespace } already exists`);
      }
      draft.status = { ...(draft.status || {}), backingNamespace: namespace };
      state.store.create(TYPES.NAMESPACE, { metadata: { name: namespace }, status: { phase: 'Active' } });
    },
  });
}
