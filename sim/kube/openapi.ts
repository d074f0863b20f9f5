import { createHash } from 'crypto';
import type { KubeKind } from './kinds';
import { apiVersionOf, groupVersions, KINDS } from './kinds';
import { KUBERNETES_VERSION } from './discovery';

/**
 * OpenAPI v3 as kube-apiserver publishes it (k8s.io/kube-openapi `pkg/handler3`): `/openapi/v3`
 * lists one document per group version with its `serverRelativeURL`, and each document holds the
 * paths of that group version. kubectl reads them to decide whether the server validates fields
 * itself (k8s.io/cli-runtime `pkg/resource/query_param_verifier_v3.go`: the PATCH operation whose
 * `x-kubernetes-group-version-kind` names the kind lists a `fieldValidation` query parameter);
 * it then sends `fieldValidation=Strict` and needs no OpenAPI v2 for client-side validation.
 * The schemas are the outline of each kind (top-level fields), not Kubernetes' full definitions.
 */
function gvPath(group: string, version: string): string {
  return group ? `apis/${ group }/${ version }` : `api/${ version }`;
}

function schemaName(k: KubeKind): string {
  // A CRD's schema is named by its group reversed: io.harvesterhci.v1beta1.Setting, io.kubevirt.v1.VirtualMachine.
  if (k.group.includes('.') && !k.group.endsWith('.k8s.io')) {
    return `${ k.group.split('.').reverse().join('.') }.${ k.version }.${ k.kind }`;
  }
  const group = k.group ? k.group.replace('.k8s.io', '').replace(/\./g, '_') : 'core';

  return `io.k8s.api.${ group }.${ k.version }.${ k.kind }`;
}

const QUERY = (name: string, description: string) => ({
  name, in: 'query', description, schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMETERS = [
  QUERY('dryRun', 'When present, indicates that modifications should not be persisted.'),
  QUERY('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  QUERY('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.'),
];

function operation(k: KubeKind, action: string, id: string, extraParameters: unknown[] = []) {
  return {
    operationId:                       id,
    'x-kubernetes-action':             action,
    'x-kubernetes-group-version-kind': {
      group: k.group, kind: k.kind, version: k.version
    },
    parameters: extraParameters,
    responses:  { 200: { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ schemaName(k) }` } } } } },
  };
}

function pathsOf(k: KubeKind) {
  const base = `/${ gvPath(k.group, k.version) }${ k.namespaced ? '/namespaces/{namespace}' : '' }/${ k.plural }`;
  const id = `${ k.kind }`;

  return {
    [base]: {
      get:  operation(k, 'list', `list${ id }`),
      post: operation(k, 'post', `create${ id }`, WRITE_PARAMETERS),
    },
    [`${ base }/{name}`]: {
      get:    operation(k, 'get', `read${ id }`),
      put:    operation(k, 'put', `replace${ id }`, WRITE_PARAMETERS),
      patch:  operation(k, 'patch', `patch${ id }`, [...WRITE_PARAMETERS, QUERY('force', 'Force is going to "force" Apply requests.')]),
      delete: operation(k, 'delete', `delete${ id }`, [QUERY('dryRun', 'When present, indicates that modifications should not be persisted.')]),
    },
  };
}

function schemaOf(k: KubeKind) {
  return {
    type:                              'object',
    description:                       `${ k.kind } (${ apiVersionOf(k) })`,
    'x-kubernetes-group-version-kind': [{
      group: k.group, kind: k.kind, version: k.version
    }],
  };
}

export function openApiDocument(group: string, version: string) {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);

  if (!kinds.length) {
    return undefined;
  }

  return {
    openapi:    '3.0.0',
    info:       { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths:      Object.assign({}, ...kinds.map(pathsOf)),
    components: { schemas: Object.fromEntries(kinds.map((k) => [schemaName(k), schemaOf(k)])) },
  };
}

function hashOf(doc: unknown): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128)
    .toUpperCase();
}

/** The `/openapi/v3` index; `prefix` is where this API is served (the simulator nests it under a path). */
export function openApiIndex(prefix: string) {
  return {
    paths: Object.fromEntries(groupVersions().map(({ group, version }) => [
      gvPath(group, version),
      { serverRelativeURL: `${ prefix }/openapi/v3/${ gvPath(group, version) }?hash=${ hashOf(openApiDocument(group, version)) }` },
    ])),
  };
}
