import type { RequestContext } from '../http/context';
import { KubeObject } from '../store/kube-object';

/**
 * What Rancher's webhooks and controllers add to plain Kubernetes CRUD for a type: defaults
 * and validation on create/update, and deletes that finish asynchronously (finalizers).
 * Handlers throw ApiError to refuse a request.
 */
export interface TypeHooks {
  beforeCreate?(draft: KubeObject, ctx: RequestContext): void;
  beforeUpdate?(draft: KubeObject, existing: KubeObject, ctx: RequestContext): void;
  /**
   * Delete the object. Return the object as it now is (e.g. marked `removing`) when the delete
   * completes later, or undefined when it is gone already. Without a hook the object is removed.
   */
  delete?(obj: KubeObject, ctx: RequestContext): KubeObject | undefined;
}

export class HookRegistry {
  private hooks = new Map<string, TypeHooks>();

  register(type: string, hooks: TypeHooks): void {
    this.hooks.set(type, { ...this.hooks.get(type), ...hooks });
  }

  for(type: string): TypeHooks {
    return this.hooks.get(type) || {};
  }
}
