/**
 * Kubernetes kinds the simulator keeps in Rancher's own (local) cluster without serving them
 * through Steve: Norman's cloud credentials are Secrets, and the access Rancher gives their
 * creator is a Role and RoleBinding (sim/controllers/cloud-credentials.ts). They are stored under
 * the ids Steve would give them (`secret`, `rbac.authorization.k8s.io.role`, …), so a later Steve
 * type for them finds the objects as Rancher stores them. Not in sim/steve/type-catalog.ts on
 * purpose: the simulator answers no `/v1/secrets`, and a schema it cannot serve would mislead.
 */
export const CORE_TYPES = {
  SECRET:       'secret',
  ROLE:         'rbac.authorization.k8s.io.role',
  ROLE_BINDING: 'rbac.authorization.k8s.io.rolebinding',
} as const;

/** The `apiGroups` / `resources` an RBAC rule names these kinds by. */
export const CORE_RESOURCES: Readonly<Record<string, { group: string, resource: string }>> = {
  [CORE_TYPES.SECRET]:       { group: '', resource: 'secrets' },
  [CORE_TYPES.ROLE]:         { group: 'rbac.authorization.k8s.io', resource: 'roles' },
  [CORE_TYPES.ROLE_BINDING]: { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
};
