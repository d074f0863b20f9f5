import { AccessSet } from '../rbac/access-set';
import { Authorizer } from '../rbac/authorizer';
import { KubeObject, objectId } from '../store/kube-object';
import { TypeDef, TYPES, typeDef, urlSegment } from './type-catalog';

const ACTIVE_STATE = {
  name: 'active', error: false, transitioning: false, message: ''
};

export const ADMINISTRATED_ANNOTATION = 'provisioning.cattle.io/administrated';

/** The Kubernetes API path of an object (Steve's `links.view`). */
export function viewPath(def: TypeDef, obj: KubeObject): string {
  const base = def.group ? `/apis/${ def.group }/${ def.version }` : `/api/${ def.version }`;
  const ns = def.namespaced && obj.metadata.namespace ? `/namespaces/${ obj.metadata.namespace }` : '';

  return `${ base }${ ns }/${ def.resource }/${ obj.metadata.name }`;
}

/**
 * Extra `links` / `actions` a type's API adds to its resources (e.g. a ClusterRepo's `index`
 * link and `install` action); computed per caller, like the rest of the rendering.
 */
export type ResourceDecorator = (out: { links: Record<string, string>, actions: Record<string, string> }, ctx: { origin: string, self: string, obj: KubeObject, access: AccessSet, authorizer: Permits }) => void;

/** What rendering asks about the caller: may they do `verb` on this object? */
export type Permits = Pick<Authorizer, 'can'>;

const decorators = new Map<string, ResourceDecorator>();

export function decorateResources(type: string, decorator: ResourceDecorator): void {
  decorators.set(type, decorator);
}

export function selfLink(origin: string, type: string, obj: KubeObject, def?: TypeDef): string {
  const segment = def ? (def.group ? `${ def.group }.${ def.resource }` : def.resource) : urlSegment(type);

  return `${ origin }/v1/${ segment }/${ objectId(obj) }`;
}

/**
 * One object as Steve returns it to this user: `id`, `type`, `links` that exist only for what
 * the user may do, and `metadata.state` (Steve's summary) always present.
 */
export function renderResource(origin: string, type: string, obj: KubeObject, access: AccessSet, authorizer: Permits, typeDefinition?: TypeDef): Record<string, unknown> {
  const def = typeDefinition || typeDef(type);
  const self = selfLink(origin, type, obj, typeDefinition);
  const links: Record<string, string> = { self, view: def ? `${ origin }${ viewPath(def, obj) }` : self };
  // Rancher has management clusters changed through Norman (/v3/clusters): Steve shows their
  // write links as 'blocked' to whoever may write them — every recorded management cluster,
  // imported ones without the administrated annotation included (tests/contract).
  // Management nodes too (recorded machines: patch/update/remove 'blocked'); both per
  // rancher pkg/api/steve/disallow/disallow.go.
  const blocked = type === TYPES.MGMT_CLUSTER || type === TYPES.MGMT_NODE;

  if (authorizer.can(access, 'update', type, obj)) {
    links.update = blocked ? 'blocked' : self;
  }
  if (authorizer.can(access, 'patch', type, obj)) {
    links.patch = blocked ? 'blocked' : self;
  }
  if (authorizer.can(access, 'delete', type, obj)) {
    links.remove = blocked ? 'blocked' : self;
  }
  const actions: Record<string, string> = {};

  decorators.get(type)?.({ links, actions }, {
    origin, self, obj, access, authorizer
  });
  const { metadata, ...rest } = obj;

  return {
    id:         objectId(obj),
    type,
    apiVersion: def ? (def.group ? `${ def.group }/${ def.version }` : def.version) : undefined,
    kind:       def?.kind,
    links,
    ...(Object.keys(actions).length ? { actions } : {}),
    ...rest,
    metadata:   {
      ...metadata,
      state:         metadata.state || ACTIVE_STATE,
      relationships: metadata.relationships || [],
    },
  };
}

export interface CollectionExtras {
  count?: number;
  pages?: number;
  /** The offset token of the next rows (Steve's SQL cache). */
  continue?: string;
}

/** `revision` undefined: left out, as Steve's SQL cache does on 2.10/2.11 (`revision,omitempty`). */
export function renderCollection(origin: string, type: string, selfUrl: string, revision: number | string | undefined, data: unknown[], extras: CollectionExtras = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type:         'collection',
    links:        { self: selfUrl },
    createTypes:  { [type]: `${ origin }/v1/${ urlSegment(type) }` },
    actions:      {},
    resourceType: type,
    ...(revision === undefined ? {} : { revision: `${ revision }` }),
    data,
  };

  if (extras.count !== undefined) {
    body.count = extras.count;
  }
  if (extras.pages !== undefined) {
    body.pages = extras.pages;
  }
  if (extras.continue !== undefined) {
    body.continue = extras.continue;
  }

  return body;
}
