import { ApiError } from '../core/api-error';
import type { TypeDef } from './type-catalog';

/**
 * Steve writes that Rancher blocks on its own API groups: rancher `pkg/api/steve/disallow/disallow.go`
 * (release/v2.10–v2.12) for `management.cattle.io` and `project.cattle.io`. Every type there but a
 * few is changed through Norman (`/v3`) or its controllers: PATCH and DELETE are blocked, PUT unless
 * it is a feature or setting, POST unless it is a setting. The schema shows such a method as
 * `blocked-<METHOD>` and objects show the link as `"blocked"` (steve `pkg/resources/common/formatter.go`);
 * calling it is apiserver's 403 PermissionDenied "can not <verb> <schema>".
 */
const GROUPS = new Set(['management.cattle.io', 'project.cattle.io']);
const ALLOW_ALL = new Set([
  'clusterproxyconfigs', 'clusterroletemplatebindings', 'globalrolebindings', 'globalroles',
  'podsecurityadmissionconfigurationtemplates', 'projects', 'projectroletemplatebindings',
]);
/** Added to the allow-all list on release/v2.12. */
const ALLOW_ALL_FROM_212 = new Set(['oidcclients']);
const ALLOW_PUT = new Set(['features', 'settings']);
const ALLOW_POST = new Set(['settings']);

export type HttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function isBlocked(def: TypeDef, method: HttpMethod, minor: number): boolean {
  if (!GROUPS.has(def.group) || ALLOW_ALL.has(def.resource) || (minor >= 12 && ALLOW_ALL_FROM_212.has(def.resource))) {
    return false;
  }
  switch (method) {
  case 'PUT':
    return !ALLOW_PUT.has(def.resource);
  case 'POST':
    return !ALLOW_POST.has(def.resource);
  default:
    return true;
  }
}

const VERB: Record<HttpMethod, string> = {
  POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete',
};

export function blockedError(def: TypeDef, method: HttpMethod): ApiError {
  return new ApiError(403, 'PermissionDenied', `can not ${ VERB[method] } ${ def.id }`);
}
