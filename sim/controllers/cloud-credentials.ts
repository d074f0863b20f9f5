import { createHash } from 'crypto';
import { kubeTimestamp } from '../core/time';
import type { SimState } from '../state';
import { CORE_TYPES } from '../store/core-types';
import { KubeObject, objectId } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import { CREATOR_ANNOTATION, HARVESTER_CONFIG, isCloudCredential } from '../norman/cloud-credential-model';

/**
 * What Rancher's controllers do with a cloud-credential Secret once it is written. Rancher runs
 * them a moment later; the simulator runs them at once after the write, so a creator can read the
 * credential as soon as the POST answers (in Rancher that is a race the creator nearly always wins).
 */
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const TOKEN_FINALIZER = 'management.cattle.io/harvester-token-cleanup';
const TOKEN_CHECKSUM = 'management.cattle.io/harvester-token-checksum';
const EXPIRATION = 'rancher.io/expiration-timestamp';

const ownerRef = (secret: KubeObject) => ({
  apiVersion: 'v1', kind: 'Secret', name: secret.metadata.name, uid: secret.metadata.uid,
});

/**
 * ccSync: the creator (annotation `field.cattle.io/creatorId`) gets a Role `<name>-secrets-a` with
 * every verb on this one Secret (apiGroups `*`, resourceNames [name]) and a RoleBinding of the same
 * name, both owned by the Secret. rancher `pkg/controllers/management/cloudcredential/controller.go`
 * ccSync and `pkg/controllers/management/rbac/rbac.go` CreateRoleAndRoleBinding / GetRoleNameAndVerbs
 * (release/v2.10, v2.11, v2.12). Without the annotation Rancher only logs an error.
 */
function grantCreator(state: SimState, secret: KubeObject): void {
  const creatorId = secret.metadata.annotations?.[CREATOR_ANNOTATION];

  if (!creatorId) {
    return;
  }
  const { store } = state;
  const namespace = secret.metadata.namespace as string;
  const name = `${ secret.metadata.name }-secrets-a`;
  const metadata = {
    name, namespace, ownerReferences: [ownerRef(secret)]
  };
  const subjects = [{
    kind: 'User', name: creatorId, apiGroup: RBAC_GROUP
  }];

  if (!store.has(CORE_TYPES.ROLE, `${ namespace }/${ name }`)) {
    store.create(CORE_TYPES.ROLE, {
      apiVersion: `${ RBAC_GROUP }/v1`,
      kind:       'Role',
      metadata,
      rules:      [{
        apiGroups: ['*'], resources: ['secrets'], resourceNames: [secret.metadata.name], verbs: ['*'],
      }],
    });
  }
  const binding = store.get(CORE_TYPES.ROLE_BINDING, `${ namespace }/${ name }`);

  if (!binding) {
    // RoleRef.apiGroup is Kubernetes' default (k8s.io/kubernetes pkg/apis/rbac/v1/defaults.go); Rancher leaves it empty.
    store.create(CORE_TYPES.ROLE_BINDING, {
      apiVersion: `${ RBAC_GROUP }/v1`,
      kind:       'RoleBinding',
      metadata,
      roleRef:    {
        apiGroup: RBAC_GROUP, kind: 'Role', name
      },
      subjects,
    });
  } else if (JSON.stringify(binding.subjects) !== JSON.stringify(subjects)) {
    store.patch(CORE_TYPES.ROLE_BINDING, objectId(binding), (b) => {
      b.subjects = subjects;
    });
  }
}

function harvesterFeature(state: SimState): boolean {
  const feature = state.store.get(TYPES.FEATURE, 'harvester');

  return (feature?.spec?.value ?? feature?.status?.default) === true;
}

/**
 * syncHarvesterToken (release/v2.12 only, with the `harvester` feature): a credential with a
 * kubeconfig gets the finalizer `management.cattle.io/harvester-token-cleanup`, loses the 2.10/2.11
 * expiration annotation and records the kubeconfig's sha256 (it also makes the kubeconfig's
 * Rancher tokens non-expiring and owned by the Secret: the simulator has no such tokens).
 * rancher `pkg/controllers/management/cloudcredential/controller.go`.
 */
function harvesterTokenSync(state: SimState, secret: KubeObject): KubeObject {
  const content = secret.data?.[`${ HARVESTER_CONFIG }-kubeconfigContent`];

  if (state.rancherMinor < 12 || !harvesterFeature(state) || !content || secret.metadata.deletionTimestamp) {
    return secret;
  }
  const checksum = createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex');

  if (secret.metadata.annotations?.[TOKEN_CHECKSUM] === checksum) {
    return secret;
  }

  return state.store.patch(CORE_TYPES.SECRET, objectId(secret), (s) => {
    const annotations = { ...(s.metadata.annotations || {}) };

    delete annotations[EXPIRATION];
    s.metadata.annotations = { ...annotations, [TOKEN_CHECKSUM]: checksum };
    s.metadata.finalizers = [...new Set([...(s.metadata.finalizers || []), TOKEN_FINALIZER])];
  }) || secret;
}

/** After a credential Secret is created or changed: both controllers; returns the Secret as it is now. */
export function syncCloudCredential(state: SimState, secret: KubeObject): KubeObject {
  if (!isCloudCredential(secret) || secret.metadata.deletionTimestamp) {
    return secret;
  }
  grantCreator(state, secret);

  return harvesterTokenSync(state, secret);
}

/** Kubernetes' garbage collector: the Role and RoleBinding owned by the Secret go with it. */
function removeWithOwned(state: SimState, secret: KubeObject): void {
  const { store } = state;

  store.remove(CORE_TYPES.SECRET, objectId(secret));
  for (const type of [CORE_TYPES.ROLE_BINDING, CORE_TYPES.ROLE]) {
    store.list(type).filter((o) => (o.metadata.ownerReferences as Array<{ uid?: string }> | undefined)?.some((r) => r.uid === secret.metadata.uid))
      .forEach((o) => store.remove(type, objectId(o)));
  }
}

/**
 * A Secret delete: gone at once, unless the harvester finalizer holds it; then it stays with a
 * deletionTimestamp until the controller has cleaned up and dropped the finalizer (a moment).
 * Returns the Secret when it is still there (Norman then answers 200 with it, else 204).
 */
export function deleteSecret(state: SimState, secret: KubeObject): KubeObject | undefined {
  if (!(secret.metadata.finalizers || []).length) {
    removeWithOwned(state, secret);

    return undefined;
  }
  const removing = state.store.patch(CORE_TYPES.SECRET, objectId(secret), (s) => {
    s.metadata.deletionTimestamp = s.metadata.deletionTimestamp || kubeTimestamp();
  });

  state.scheduler.after(20, () => {
    const current = state.store.get(CORE_TYPES.SECRET, objectId(secret));
    const rest = (current?.metadata.finalizers || []).filter((f) => f !== TOKEN_FINALIZER);

    if (current && !rest.length) {
      removeWithOwned(state, current);
    } else if (current) {
      state.store.patch(CORE_TYPES.SECRET, objectId(current), (s) => {
        s.metadata.finalizers = rest;
      });
    }
  });

  return removing;
}
