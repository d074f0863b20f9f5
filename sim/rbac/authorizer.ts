import { KubeObject } from '../store/kube-object';
import { ResourceStore } from '../store/resource-store';
import { supportedVerbs, TYPES, typeDef } from '../steve/type-catalog';
import {
  AccessSet, ANONYMOUS, buildAccessSet, Grants, RBAC_TYPES
} from './access-set';
import { namespacedAllows } from './namespaced-rules';
import { scopeOf } from './resource-scope';

const SELF_READ = new Set(['get', 'list', 'watch']);

/**
 * The single place that decides what a user may do. HTTP handlers, list filtering, websocket
 * events, schema methods and per-object links all ask it; the UI never decides.
 */
export class Authorizer {
  private cache = new Map<string, AccessSet>();

  constructor(private store: ResourceStore) {
    store.subscribe((event) => {
      if (RBAC_TYPES.has(event.type)) {
        this.cache.clear();
      }
    });
  }

  accessFor(userId: string | null | undefined): AccessSet {
    if (!userId) {
      return ANONYMOUS;
    }
    let access = this.cache.get(userId);

    if (!access) {
      access = buildAccessSet(this.store, userId);
      this.cache.set(userId, access);
    }

    return access;
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** May the user perform `verb` on this object (or, for `create`, on this draft)? */
  can(access: AccessSet, verb: string, type: string, obj: KubeObject): boolean {
    if (access.admin) {
      return true;
    }
    if (!access.userId) {
      return false;
    }
    if (access.global.get(type)?.has(verb)) {
      return true;
    }
    // Every user may read their own user object (Rancher grants this per user).
    if (type === TYPES.USER && obj.metadata.name === access.userId && SELF_READ.has(verb)) {
      return true;
    }
    const scope = scopeOf(type, obj);

    if (scope.clusterId && access.clusters.get(scope.clusterId)?.get(type)?.has(verb)) {
      return true;
    }

    if (scope.projectKey && access.projects.get(scope.projectKey)?.get(type)?.has(verb)) {
      return true;
    }

    // Roles and RoleBindings (per namespace, per name): a cloud credential's creator, Standard User's create in cattle-global-data.
    return namespacedAllows(access.namespaced, verb, type, obj);
  }

  canSee(access: AccessSet, type: string, obj: KubeObject): boolean {
    return this.can(access, 'get', type, obj);
  }

  /** Objects of a type the user may see, in store order. */
  visible(access: AccessSet, type: string, objects: readonly KubeObject[]): readonly KubeObject[] {
    if (access.admin) {
      return objects;
    }
    if (!access.userId) {
      return [];
    }
    if (access.global.get(type)?.has('get')) {
      return objects;
    }

    return objects.filter((o) => this.canSee(access, type, o));
  }

  /**
   * Verbs the user holds on the type anywhere (for schema collectionMethods/resourceMethods and
   * `attributes.verbs`): a schema shows GET when some object is readable, POST when create is
   * granted somewhere.
   */
  typeVerbs(access: AccessSet, type: string): string[] {
    const def = typeDef(type);

    if (!def) {
      return [];
    }
    const supported = supportedVerbs(def);

    if (access.admin) {
      return [...supported];
    }
    if (!access.userId) {
      return [];
    }
    const verbs = new Set<string>();
    const collect = (grants: Grants | undefined) => grants?.get(type)?.forEach((v) => verbs.add(v));

    collect(access.global);
    access.clusters.forEach(collect);
    access.projects.forEach(collect);
    if (type === TYPES.USER) {
      SELF_READ.forEach((v) => verbs.add(v));
    }

    return supported.filter((v) => verbs.has(v));
  }
}
