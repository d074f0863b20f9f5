import type { KubeKind } from './kinds';
import { qualifiedResource } from './kinds';

/**
 * Kubernetes API errors as `metav1.Status` (k8s.io/apimachinery `pkg/api/errors/errors.go`,
 * release-1.32): the reason, the HTTP code and the message texts kubectl prints as
 * `Error from server (<Reason>): <message>`.
 */
export interface StatusCause { reason: string, message: string, field?: string }

export class KubeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string, group?: string, kind?: string, causes?: StatusCause[] },
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind:       'Status',
      apiVersion: 'v1',
      metadata:   {},
      status:     'Failure',
      message:    this.message,
      reason:     this.reason,
      ...(this.details ? { details: this.details } : {}),
      code:       this.code,
    };
  }
}

function resourceDetails(k: KubeKind, name: string) {
  return {
    name, ...(k.group ? { group: k.group } : {}), kind: k.plural
  };
}

export const kubeErrors = {
  notFound:          (k: KubeKind, name: string) => new KubeError(404, 'NotFound', `${ qualifiedResource(k) } "${ name }" not found`, resourceDetails(k, name)),
  namespaceNotFound: (name: string) => new KubeError(404, 'NotFound', `namespaces "${ name }" not found`, { name, kind: 'namespaces' }),
  /** The path names no resource this server serves (kubectl: "the server could not find the requested resource"). */
  noResource:        () => new KubeError(404, 'NotFound', 'the server could not find the requested resource'),
  alreadyExists:     (k: KubeKind, name: string) => new KubeError(409, 'AlreadyExists', `${ qualifiedResource(k) } "${ name }" already exists`, resourceDetails(k, name)),
  conflict:          (k: KubeKind, name: string) => new KubeError(409, 'Conflict',
    `Operation cannot be fulfilled on ${ qualifiedResource(k) } "${ name }": the object has been modified; please apply your changes to the latest version and try again`, resourceDetails(k, name)),
  /** Creating in a namespace that is being deleted (k8s `NamespaceLifecycle` admission). */
  namespaceTerminating: (k: KubeKind, name: string, namespace: string) => new KubeError(403, 'Forbidden',
    `${ qualifiedResource(k) } "${ name }" is forbidden: unable to create new content in namespace ${ namespace } because it is being terminated`, resourceDetails(k, name)),
  invalid: (k: KubeKind, name: string, causes: StatusCause[]) => new KubeError(422, 'Invalid',
    `${ k.kind }${ k.group ? `.${ k.group }` : '' } "${ name }" is invalid: ${ causes.map((c) => `${ c.field ? `${ c.field }: ` : '' }${ c.message }`).join(', ') }`,
    {
      name, ...(k.group ? { group: k.group } : {}), kind: k.kind, causes
    }),
  badRequest:           (message: string) => new KubeError(400, 'BadRequest', message),
  unauthorized:         () => new KubeError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed:     () => new KubeError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  unsupportedMediaType: (type: string) => new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${ type })`),
};

/** A field error as apimachinery's field.ErrorList renders it. */
export function invalidValue(field: string, value: unknown, detail: string): StatusCause {
  return {
    reason: 'FieldValueInvalid', field, message: `Invalid value: ${ JSON.stringify(value) }: ${ detail }`
  };
}

export function requiredValue(field: string): StatusCause {
  return {
    reason: 'FieldValueRequired', field, message: 'Required value'
  };
}
