import { AccessSet } from '../rbac/access-set';
import { Authorizer } from '../rbac/authorizer';
import { timestampMillis } from '../core/time';
import { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';

/** Norman type → Steve type, plural collection name and how its id is written. */
export interface NormanTypeDef {
  id: string;
  plural: string;
  steveType: string;
}

export const NORMAN_TYPES: NormanTypeDef[] = [
  {
    id: 'cluster', plural: 'clusters', steveType: TYPES.MGMT_CLUSTER
  },
  {
    id: 'clusterRegistrationToken', plural: 'clusterregistrationtokens', steveType: TYPES.REGISTRATION_TOKEN
  },
  {
    id: 'project', plural: 'projects', steveType: TYPES.PROJECT
  },
  {
    id: 'clusterRoleTemplateBinding', plural: 'clusterroletemplatebindings', steveType: TYPES.CRTB
  },
  {
    id: 'projectRoleTemplateBinding', plural: 'projectroletemplatebindings', steveType: TYPES.PRTB
  },
  {
    id: 'user', plural: 'users', steveType: TYPES.USER
  },
  {
    id: 'setting', plural: 'settings', steveType: TYPES.SETTING
  },
  {
    id: 'roleTemplate', plural: 'roletemplates', steveType: TYPES.ROLE_TEMPLATE
  },
  {
    id: 'globalRole', plural: 'globalroles', steveType: TYPES.GLOBAL_ROLE
  },
  {
    id: 'globalRoleBinding', plural: 'globalrolebindings', steveType: TYPES.GLOBAL_ROLE_BINDING
  },
];

export function normanType(idOrPlural: string): NormanTypeDef | undefined {
  const key = idOrPlural.toLowerCase();

  return NORMAN_TYPES.find((t) => t.plural === key || t.id.toLowerCase() === key);
}

/** Norman ids join namespace and name with `:` (`c-xxxxx:p-yyyyy`). */
export function normanId(obj: KubeObject): string {
  return obj.metadata.namespace ? `${ obj.metadata.namespace }:${ obj.metadata.name }` : obj.metadata.name;
}

export function steveIdFromNorman(id: string): string {
  const idx = id.indexOf(':');

  return idx < 0 ? id : `${ id.slice(0, idx) }/${ id.slice(idx + 1) }`;
}

function transitioning(obj: KubeObject): string {
  const s = obj.metadata.state;

  if (s?.error) {
    return 'error';
  }

  return s?.transitioning ? 'yes' : 'no';
}

/**
 * A Steve-stored object as Norman shows it: flat fields (spec and status merged to the top),
 * `links` by the caller's verbs, Norman's state triple.
 */
export function renderNorman(origin: string, def: NormanTypeDef, obj: KubeObject, access: AccessSet, authorizer: Authorizer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = normanId(obj);
  const self = `${ origin }/v3/${ def.plural }/${ id }`;
  const links: Record<string, string> = { self };

  if (authorizer.can(access, 'update', def.steveType, obj)) {
    links.update = self;
  }
  if (authorizer.can(access, 'delete', def.steveType, obj)) {
    links.remove = self;
  }
  // Norman shows a type's displayName as `name` (its DisplayName mapper), not as a field of its own.
  const {
    metadata, spec, status, apiVersion, kind, displayName, ...topLevel
  } = obj;

  return {
    ...(spec || {}),
    ...(status || {}),
    ...topLevel,
    id,
    type:                 def.id,
    baseType:             def.id,
    name:                 spec?.displayName ?? displayName ?? metadata.name,
    ...(metadata.namespace ? { namespaceId: metadata.namespace } : {}),
    uuid:                 metadata.uid,
    created:              metadata.creationTimestamp,
    createdTS:            timestampMillis(metadata.creationTimestamp),
    creatorId:            metadata.annotations?.['field.cattle.io/creatorId'] || null,
    labels:               metadata.labels || {},
    annotations:          metadata.annotations || {},
    state:                metadata.state?.name || 'active',
    transitioning:        transitioning(obj),
    transitioningMessage: metadata.state?.message || '',
    links,
    actions:              {},
    ...extra,
  };
}

export function normanCollection(origin: string, resourceType: string, path: string, revision: number, data: unknown[]): Record<string, unknown> {
  return {
    type:        'collection',
    resourceType,
    links:       { self: `${ origin }${ path }` },
    createTypes: {},
    actions:     {},
    pagination:  { limit: 1000, total: data.length },
    sort:        {
      order: 'asc', reverse: `${ origin }${ path }${ path.includes('?') ? '&' : '?' }order=desc`, links: {}
    },
    filters:  {},
    revision: `${ revision }`,
    data,
  };
}

export function principalFor(origin: string, user: KubeObject, me: boolean): Record<string, unknown> {
  const id = `local://${ user.metadata.name }`;

  return {
    id,
    type:          'principal',
    baseType:      'principal',
    name:          user.displayName || user.username,
    loginName:     user.username,
    displayName:   user.displayName || user.username,
    principalType: 'user',
    provider:      'local',
    me,
    memberOf:      false,
    links:         { self: `${ origin }/v3/principals/${ encodeURIComponent(id) }` },
  };
}
