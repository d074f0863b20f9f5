/**
 * Rancher's validating admission webhook for role template bindings, Create and Update:
 * rancher/webhook `pkg/resources/management.cattle.io/v3/projectroletemplatebinding/validator.go`
 * and `pkg/resources/management.cattle.io/v3/clusterroletemplatebinding/validator.go`, with
 * `pkg/auth/escalation.go`, `pkg/auth/roleTemplate.go` (RulesFromTemplate) and
 * `pkg/resolvers/{crtb,prtb,aggregate}Resolver.go`, read at tags v0.6.12 (Rancher 2.10),
 * v0.7.10 (2.11) and v0.8.9 (2.12); the validators are identical across them.
 *
 * Order, as `Admit` runs it: on Update the immutable fields (400); on Create the required,
 * referenced and context checks (400; an error that is not a field error is the webhook's own
 * failure, 500); then the role template's rules must not escalate the caller (422). A PRTB is
 * checked first against what the caller holds in the cluster (global roles + their CRTBs there),
 * then, if that fails, in the project (global roles + their PRTBs there); that second answer is
 * the one returned. kube-apiserver relays a denial as `admission webhook "<name>" denied the
 * request: <message>` with the webhook's code; Steve and Norman pass it on with the k8s reason
 * as `code`.
 *
 * The pure checks take a `BindingLookups`; `registerRoleTemplateBindingWebhooks` wires them to
 * the store as Steve/Norman hooks.
 */
import { ApiError } from '../core/api-error';
import { AccessSet } from '../rbac/access-set';
import type { SimState } from '../state';
import { HookRegistry } from '../steve/hooks';
import { TYPES } from '../steve/type-catalog';
import { KubeObject } from '../store/kube-object';
import { ResourceStore } from '../store/resource-store';
import {
  badRequest, CRTB_WEBHOOK, crtbCreateDenial, crtbUpdateError, decodeError, PRTB_WEBHOOK, prtbCreateDenial, prtbUpdateError, q, webhookFailure,
  type BindingLookups, type Denial,
} from './binding-fields';
import { escalationDenial } from './escalation';

export * from './binding-fields';
export * from './escalation';

export interface AdmitRequest {
  operation: 'CREATE' | 'UPDATE';
  object: KubeObject;
  oldObject?: KubeObject;
  caller: { name: string, groups: string[] };
}

/** The whole Admit of either validator: undefined = allowed. */
export function admitBinding(kind: 'cluster' | 'project', req: AdmitRequest, store: ResourceStore, lookups: BindingLookups): Denial | undefined {
  const goKind = kind === 'cluster' ? 'ClusterRoleTemplateBinding' : 'ProjectRoleTemplateBinding';
  const short = kind === 'cluster' ? 'CRTB' : 'PRTB';

  if (req.operation === 'UPDATE') {
    const decode = decodeError(req.object, goKind) || (req.oldObject && decodeError(req.oldObject, goKind));

    if (decode) {
      return webhookFailure(`failed to decode old and new ${ short }${ kind === 'cluster' ? '' : ' objects' } from request: ${ decode }`);
    }
    const error = kind === 'cluster' ? crtbUpdateError(req.oldObject as KubeObject, req.object) : prtbUpdateError(req.oldObject as KubeObject, req.object);

    if (error) {
      return badRequest(error);
    }
  } else {
    const decode = decodeError(req.object, goKind);

    if (decode) {
      return webhookFailure(`failed to decode ${ short }${ kind === 'cluster' ? '' : ' object' } from request: ${ decode }`);
    }
    const denial = kind === 'cluster' ? crtbCreateDenial(req.object, lookups) : prtbCreateDenial(req.object, lookups);

    if (denial) {
      return denial;
    }
  }

  return escalationDenial(store, req.caller, req.object, kind);
}

/** kube-apiserver's rendering of a denial (or of the webhook failing), as Steve and Norman relay it. */
export function toApiError(webhook: string, denial: Denial): ApiError {
  const message = denial.status === 500 ? `Internal error occurred: failed calling webhook ${ q(webhook) }: ${ denial.message }` : `admission webhook ${ q(webhook) } denied the request: ${ denial.message }`;

  return new ApiError(denial.status, denial.reason, message);
}

export function storeLookups(store: ResourceStore): BindingLookups {
  return {
    roleTemplate:      (name) => (name ? store.get(TYPES.ROLE_TEMPLATE, name) : undefined),
    cluster:           (name) => (name ? store.get(TYPES.MGMT_CLUSTER, name) : undefined),
    project:           (clusterName, name) => store.get(TYPES.PROJECT, `${ clusterName }/${ name }`),
    globalRoleBinding: (name) => (name ? store.get(TYPES.GLOBAL_ROLE_BINDING, name) : undefined),
  };
}

/**
 * Run the webhook on every create and update of a PRTB or CRTB that goes through the API (Steve
 * `POST/PUT/PATCH /v1/management.cattle.io.{project,cluster}roletemplatebindings`, Norman
 * `POST /v3/{project,cluster}roletemplatebindings`). Controllers and the seed write to the store
 * directly, as Rancher's run with its own service account and are not checked here.
 */
export function registerRoleTemplateBindingWebhooks(hooks: HookRegistry, state: SimState): void {
  const caller = (ctx: { user?: KubeObject, access: AccessSet }) => ({ name: ctx.user?.metadata.name || ctx.access.userId || '', groups: [] as string[] });

  for (const [type, kind, webhook] of [[TYPES.PRTB, 'project', PRTB_WEBHOOK], [TYPES.CRTB, 'cluster', CRTB_WEBHOOK]] as const) {
    const run = (req: AdmitRequest) => {
      const denial = admitBinding(kind, req, state.store, storeLookups(state.store));

      if (denial) {
        throw toApiError(webhook, denial);
      }
    };

    hooks.register(type, {
      beforeCreate: (draft, ctx) => run({
        operation: 'CREATE', object: draft, caller: caller(ctx)
      }),
      beforeUpdate: (draft, existing, ctx) => run({
        operation: 'UPDATE', object: draft, oldObject: existing, caller: caller(ctx)
      }),
    });
  }
}
