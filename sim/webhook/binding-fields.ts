/**
 * The field rules of Rancher's role template binding webhook, Create and Update: rancher/webhook
 * `pkg/resources/management.cattle.io/v3/projectroletemplatebinding/validator.go` and
 * `…/clusterroletemplatebinding/validator.go` (`validateCreateFields`, `validateUpdateFields`),
 * tags v0.6.12 / v0.7.10 / v0.8.9 (Rancher 2.10 / 2.11 / 2.12), identical across them.
 * The whole Admit, escalation included, is in role-template-bindings.ts.
 */
import { KubeObject } from '../store/kube-object';
export const PRTB_WEBHOOK = 'rancher.cattle.io.projectroletemplatebindings.management.cattle.io';
export const CRTB_WEBHOOK = 'rancher.cattle.io.clusterroletemplatebindings.management.cattle.io';
export const GRB_OWNER_LABEL = 'authz.management.cattle.io/grb-owner';

/** What the webhook answers when it does not allow the request. */
export interface Denial {
  status: 400 | 422 | 500;
  /** The k8s status reason, which Steve and Norman show as `code`. */
  reason: 'BadRequest' | 'Invalid' | 'InternalError';
  message: string;
}

/** The caches the validators read. */
export interface BindingLookups {
  roleTemplate(name: string): KubeObject | undefined;
  cluster(name: string): KubeObject | undefined;
  project(clusterName: string, name: string): KubeObject | undefined;
  globalRoleBinding(name: string): KubeObject | undefined;
}

// ---- k8s field.Error texts (k8s.io/apimachinery pkg/util/validation/field/errors.go) ----

export const q = (v: string) => JSON.stringify(v);
const fieldInvalid = (path: string, value: string, detail: string) => `${ path }: Invalid value: ${ q(value) }: ${ detail }`;
const fieldRequired = (path: string, detail = '') => `${ path }: Required value${ detail ? `: ${ detail }` : '' }`;
const fieldForbidden = (path: string, detail: string) => `${ path }: Forbidden: ${ detail }`;
const fieldNotSupported = (path: string, value: string, supported: string[]) => `${ path }: Unsupported value: ${ q(value) }: supported values: ${ supported.map(q).join(', ') }`;

export const badRequest = (message: string): Denial => ({
  status: 400, reason: 'BadRequest', message
});
/** `Admit` returned an error: the webhook answers 500 (admission.go sendError). */
export const webhookFailure = (message: string): Denial => ({
  status: 500, reason: 'InternalError', message
});

const STRING_FIELDS = ['userName', 'userPrincipalName', 'groupName', 'groupPrincipalName', 'roleTemplateName', 'projectName', 'clusterName', 'serviceAccount'];

/** Go decodes absent and null strings as ""; anything else that is not a string fails the decode. */
export function decodeError(obj: KubeObject, kind: 'ProjectRoleTemplateBinding' | 'ClusterRoleTemplateBinding'): string | undefined {
  for (const field of STRING_FIELDS) {
    const value = obj[field];

    if (value !== undefined && value !== null && typeof value !== 'string') {
      const jsType = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;

      return `json: cannot unmarshal ${ jsType } into Go struct field ${ kind }.${ field } of type string`;
    }
  }

  return undefined;
}

export const s = (obj: KubeObject | undefined, field: string): string => (typeof obj?.[field] === 'string' ? obj[field] : '');
const labelOf = (obj: KubeObject | undefined, label: string): string => obj?.metadata?.labels?.[label] ?? '';

/** `strings.Split(projectName, ":")`, fewer than two pieces → "", "" (clusterAndProjectID). */
export function clusterAndProjectID(projectName: string): [string, string] {
  const pieces = projectName.split(':');

  return pieces.length < 2 ? ['', ''] : [pieces[0], pieces[1]];
}

/** Role template not found, as the wrangler cache says it. */
const rtNotFound = (name: string) => `roletemplates.management.cattle.io ${ q(name) } not found`;

/**
 * The checks both validateUpdateFields open with, in their order: the role template, the scope
 * (`projectName` / `clusterName`), then each subject field once it was set.
 */
function immutableFieldError(path: string, scopeField: 'projectName' | 'clusterName', old: KubeObject, next: KubeObject): string | undefined {
  for (const field of ['roleTemplateName', scopeField]) {
    if (s(old, field) !== s(next, field)) {
      return fieldInvalid(`${ path }.${ field }`, s(next, field), 'field is immutable');
    }
  }
  for (const field of ['userName', 'userPrincipalName', 'groupName', 'groupPrincipalName']) {
    if (s(old, field) !== s(next, field) && s(old, field) !== '') {
      return fieldInvalid(`${ path }.${ field }`, s(next, field), 'field is immutable');
    }
  }

  return undefined;
}

// ---- PRTB ----

/** validateUpdateFields (PRTB): the first immutable field changed, or undefined. */
export function prtbUpdateError(old: KubeObject, next: KubeObject): string | undefined {
  const path = 'projectroletemplatebinding';
  const immutable = immutableFieldError(path, 'projectName', old, next);

  if (immutable) {
    return immutable;
  }
  // (sic) the webhook mixes old and new here
  if ((s(next, 'groupName') !== '' || s(old, 'groupPrincipalName') !== '') && (s(next, 'userName') !== '' || s(old, 'userPrincipalName') !== '')) {
    return fieldForbidden(path, 'binding must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]');
  }
  if (s(old, 'serviceAccount') !== s(next, 'serviceAccount')) {
    return fieldForbidden(`${ path }.serviceAccount`, 'update is not allowed');
  }

  return undefined;
}

/** validateCreateFields (PRTB): a field error (400) or the webhook's own failure (500). */
export function prtbCreateDenial(prtb: KubeObject, lookups: BindingLookups): Denial | undefined {
  const path = 'projectroletemplatebinding';
  const hasUser = s(prtb, 'userName') !== '' || s(prtb, 'userPrincipalName') !== '';
  const hasGroup = s(prtb, 'groupName') !== '' || s(prtb, 'groupPrincipalName') !== '';
  const hasServiceAccount = s(prtb, 'serviceAccount') !== '';

  if ([hasUser, hasGroup, hasServiceAccount].filter(Boolean).length !== 1) {
    return badRequest(fieldForbidden(path, 'binding must target only a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName] OR a [serviceAccount]'));
  }
  const projectName = s(prtb, 'projectName');
  const rtName = s(prtb, 'roleTemplateName');

  if (!projectName) {
    return badRequest(fieldRequired(`${ path }.projectName`));
  }
  if (!rtName) {
    return badRequest(fieldRequired(`${ path }.roleTemplateName`));
  }
  const rt = lookups.roleTemplate(rtName);

  if (!rt) {
    return webhookFailure(`failed to validate fields on create: ${ rtNotFound(rtName) }`);
  }
  if (rt.locked === true) {
    return badRequest(fieldForbidden(`${ path }.roleTemplate`, `referenced role '${ s(rt, 'displayName') }' is locked and cannot be assigned`));
  }
  if (s(rt, 'context') !== 'project') {
    return badRequest(fieldNotSupported(`${ path }.roleTemplate.context`, s(rt, 'context'), ['project']));
  }
  const [clusterName, project] = clusterAndProjectID(projectName);

  if (!clusterName || !project) {
    return badRequest(fieldInvalid(`${ path }.projectName`, projectName, 'projectName must be of the form cluster.metadata.name:project.metadata.name, and both must refer to an existing object'));
  }
  if (!lookups.cluster(clusterName)) {
    return badRequest(fieldInvalid(`${ path }.projectName`, projectName, `specified cluster ${ clusterName } not found`));
  }
  const found = lookups.project(clusterName, project);

  if (!found) {
    return badRequest(fieldInvalid(`${ path }.projectName`, projectName, `specified project ${ project } not found in ${ clusterName }`));
  }
  const projectCluster = s(found.spec, 'clusterName');

  if (projectCluster !== clusterName) {
    return badRequest(fieldInvalid(`${ path }.projectName`, projectName, `project ${ project } is for cluster ${ projectCluster }, prtb specified cluster ${ clusterName }`));
  }

  return undefined;
}

// ---- CRTB ----

/** validateUpdateFields (CRTB). */
export function crtbUpdateError(old: KubeObject, next: KubeObject): string | undefined {
  const path = 'clusterroletemplatebinding';
  const immutable = immutableFieldError(path, 'clusterName', old, next);

  if (immutable) {
    return immutable;
  }
  if ((s(next, 'groupName') !== '' || s(old, 'groupPrincipalName') !== '') && (s(next, 'userName') !== '' || s(old, 'userPrincipalName') !== '')) {
    return fieldForbidden(path, 'binding target must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]');
  }
  if (labelOf(next, GRB_OWNER_LABEL) !== labelOf(old, GRB_OWNER_LABEL)) {
    return fieldForbidden(`${ path }.labels`, `label ${ GRB_OWNER_LABEL } is immutable after creation`);
  }

  return undefined;
}

/** validateCreateFields (CRTB). */
export function crtbCreateDenial(crtb: KubeObject, lookups: BindingLookups): Denial | undefined {
  const path = 'clusterroletemplatebinding';
  const required = 'field is required';
  const hasUser = s(crtb, 'userName') !== '' || s(crtb, 'userPrincipalName') !== '';
  const hasGroup = s(crtb, 'groupName') !== '' || s(crtb, 'groupPrincipalName') !== '';

  if (hasUser === hasGroup) {
    return badRequest(fieldForbidden(path, 'binding must target either a user [userName]/[userPrincipalName] OR a group [groupName]/[groupPrincipalName]'));
  }
  const clusterName = s(crtb, 'clusterName');

  if (!clusterName) {
    return badRequest(fieldRequired(`${ path }.clusterName`, required));
  }
  if (clusterName !== (crtb.metadata?.namespace || '')) {
    return badRequest(fieldForbidden(path, 'clusterName and namespace must be the same value'));
  }
  if (!lookups.cluster(clusterName)) {
    return badRequest(fieldInvalid(`${ path }.clusterName`, clusterName, `specified cluster ${ clusterName } not found`));
  }
  const rtName = s(crtb, 'roleTemplateName');

  if (!rtName) {
    return badRequest(fieldRequired(`${ path }.roleTemplateName`, required));
  }
  const rt = lookups.roleTemplate(rtName);

  if (!rt) {
    return badRequest(fieldInvalid(`${ path }.roleTemplateName`, rtName, 'the referenced role template was not found'));
  }
  if (rt.locked === true) {
    const owningGrb = crtb.metadata?.labels?.[GRB_OWNER_LABEL];

    // a GlobalRole's inheritedClusterRoles roll out on locked templates too
    if (owningGrb !== undefined) {
      const grb = lookups.globalRoleBinding(owningGrb);

      if (!grb) {
        return badRequest(fieldInvalid(`${ path }.labels`, owningGrb, `label ${ owningGrb } refers to a global role that doesn't exist`));
      }
      if (!grb.metadata.deletionTimestamp) {
        return undefined; // (sic) the context is not checked then
      }
    }

    return badRequest(fieldForbidden(`${ path }.roleTemplate`, `referenced role ${ s(rt, 'displayName') } is locked and cannot be assigned`));
  }
  if (s(rt, 'context') !== 'cluster') {
    return badRequest(fieldNotSupported(`${ path }.roleTemplate.context`, s(rt, 'context'), ['cluster']));
  }

  return undefined;
}
