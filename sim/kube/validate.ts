import type { KubeObject } from '../store/kube-object';
import type { KubeKind } from './kinds';
import { apiVersionOf } from './kinds';
import { invalidValue, kubeErrors, requiredValue, StatusCause } from './status';

/**
 * What the API server checks before it stores an object, for the kinds served: the type
 * (apiVersion/kind against the URL), unknown fields (`fieldValidation`, k8s.io/apiserver
 * `pkg/endpoints/handlers/rest.go`, Warn when the request names none), and the validation of
 * k8s.io/kubernetes `pkg/apis/<group>/validation/validation.go` for the fields the agent
 * manifest and kubectl users touch: names, selectors, containers, ports, role references.
 * Nested unknown fields are not checked: the simulator only knows the top-level shape of each kind.
 */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const META_FIELDS = new Set(['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink']);

const TOP_FIELDS: Record<string, string[]> = {
  Namespace:             ['spec', 'status'],
  ServiceAccount:        ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
  Secret:                ['data', 'stringData', 'type', 'immutable'],
  ConfigMap:             ['data', 'binaryData', 'immutable'],
  Service:               ['spec', 'status'],
  Deployment:            ['spec', 'status'],
  ClusterRole:           ['rules', 'aggregationRule'],
  Role:                  ['rules'],
  ClusterRoleBinding:    ['subjects', 'roleRef'],
  RoleBinding:           ['subjects', 'roleRef'],
  // harvester/harvester pkg/apis/harvesterhci.io/v1beta1/setting.go
  Setting:               ['value', 'default', 'customized', 'status'],
  PersistentVolumeClaim: ['spec', 'status'],
  // kubevirt.io/api core/v1 types.go (VirtualMachine), harvester pkg/apis/harvesterhci.io/v1beta1/image.go
  VirtualMachine:        ['spec', 'status'],
  VirtualMachineImage:   ['spec', 'status'],
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KINDS = new Set(['Namespace', 'Service']);

export function parseFieldValidation(value: unknown): FieldValidation {
  if (value === undefined || value === '') {
    return 'Warn';
  }
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') {
    return value;
  }
  throw kubeErrors.badRequest(`fieldValidation parameter unsupported: ${ String(value) }`);
}

/**
 * The unknown fields of a body, dropped from it (an API server never stores them); `Strict` refuses
 * them instead. Returns the warnings to send (`Warn`).
 */
export function dropUnknownFields(k: KubeKind, body: KubeObject, mode: FieldValidation): string[] {
  const unknown: string[] = [];
  const allowed = new Set(['apiVersion', 'kind', 'metadata', ...(TOP_FIELDS[k.kind] || [])]);

  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) {
      unknown.push(key);
      delete body[key];
    }
  }
  for (const key of Object.keys(body.metadata || {})) {
    if (!META_FIELDS.has(key)) {
      unknown.push(`metadata.${ key }`);
      delete body.metadata[key];
    }
  }
  if (unknown.length && mode === 'Strict') {
    throw kubeErrors.badRequest(`strict decoding error: ${ unknown.map((f) => `unknown field "${ f }"`).join(', ') }`);
  }

  return mode === 'Warn' ? unknown.map((f) => `unknown field "${ f }"`) : [];
}

/** apiVersion and kind must name the resource of the URL (rest.go: "does not match the expected"). */
export function checkType(k: KubeKind, body: KubeObject): void {
  const expected = apiVersionOf(k);

  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw kubeErrors.badRequest(`the API version in the data (${ body.apiVersion }) does not match the expected API version (${ expected })`);
  }
  if (body.kind !== undefined && body.kind !== k.kind) {
    throw kubeErrors.badRequest(`the kind in the data (${ body.kind }) does not match the expected kind (${ k.kind })`);
  }
}

function nameCauses(k: KubeKind, name: unknown): StatusCause[] {
  if (typeof name !== 'string' || !name) {
    return [requiredValue('metadata.name')];
  }
  if (LABEL_KINDS.has(k.kind)) {
    return DNS1123_LABEL.test(name) && name.length <= 63 ? [] : [invalidValue('metadata.name', name,
      'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')')];
  }

  return DNS1123_SUBDOMAIN.test(name) && name.length <= 253 ? [] : [invalidValue('metadata.name', name,
    'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')')];
}

function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector || {}).every(([key, value]) => labels?.[key] === value);
}

function deploymentCauses(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = obj.spec || {};
  const matchLabels = spec.selector?.matchLabels;

  if (!spec.selector || (!matchLabels && !spec.selector.matchExpressions)) {
    causes.push(requiredValue('spec.selector'));
  } else if (!selectorMatches(matchLabels, spec.template?.metadata?.labels)) {
    causes.push(invalidValue('spec.template.metadata.labels', spec.template?.metadata?.labels || {}, '`selector` does not match template `labels`'));
  }
  const containers = spec.template?.spec?.containers;

  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(requiredValue('spec.template.spec.containers'));
  } else {
    containers.forEach((c: { name?: unknown, image?: unknown }, i: number) => {
      if (typeof c?.name !== 'string' || !DNS1123_LABEL.test(c.name)) {
        causes.push(c?.name ? invalidValue(`spec.template.spec.containers[${ i }].name`, c.name, 'a lowercase RFC 1123 label') : requiredValue(`spec.template.spec.containers[${ i }].name`));
      }
      if (typeof c?.image !== 'string' || !c.image.trim()) {
        causes.push(requiredValue(`spec.template.spec.containers[${ i }].image`));
      }
    });
  }
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    causes.push(invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }

  return causes;
}

function serviceCauses(obj: KubeObject): StatusCause[] {
  const ports = obj.spec?.ports;

  if (!Array.isArray(ports) || ports.length === 0) {
    return obj.spec?.type === 'ExternalName' ? [] : [requiredValue('spec.ports')];
  }

  return ports.flatMap((p: { port?: unknown }, i: number) => (Number.isInteger(p?.port) && (p.port as number) > 0 && (p.port as number) < 65536 ? [] : [invalidValue(`spec.ports[${ i }].port`, p?.port ?? 0, 'must be between 1 and 65535, inclusive')]));
}

function bindingCauses(obj: KubeObject): StatusCause[] {
  const ref = obj.roleRef;

  if (!ref || typeof ref !== 'object') {
    return [requiredValue('roleRef')];
  }

  return [
    ...(typeof ref.kind === 'string' && ['ClusterRole', 'Role'].includes(ref.kind) ? [] : [invalidValue('roleRef.kind', ref.kind ?? '', 'supported values: "ClusterRole", "Role"')]),
    ...(typeof ref.name === 'string' && ref.name ? [] : [requiredValue('roleRef.name')]),
  ];
}

function secretCauses(obj: KubeObject): StatusCause[] {
  return Object.entries(obj.data || {}).flatMap(([key, value]) => (typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? [] : [invalidValue(`data[${ key }]`, '<secret contents redacted>', 'illegal base64 data')]));
}

/** The validation of a whole object, create or update; throws the 422 Invalid status. */
export function validateObject(k: KubeKind, obj: KubeObject, old?: KubeObject): void {
  const causes = [...nameCauses(k, obj.metadata?.name)];

  if (k.kind === 'Deployment') {
    causes.push(...deploymentCauses(obj));
  } else if (k.kind === 'Service') {
    causes.push(...serviceCauses(obj));
  } else if (k.kind === 'ClusterRoleBinding' || k.kind === 'RoleBinding') {
    causes.push(...bindingCauses(obj));
    if (old && JSON.stringify(old.roleRef) !== JSON.stringify(obj.roleRef)) {
      causes.push(invalidValue('roleRef', obj.roleRef, 'cannot change roleRef'));
    }
  } else if (k.kind === 'Secret') {
    causes.push(...secretCauses(obj));
  } else if (k.kind === 'Setting' && obj.value !== undefined && typeof obj.value !== 'string') {
    causes.push(invalidValue('value', obj.value, 'must be a string'));
  }
  if (causes.length) {
    throw kubeErrors.invalid(k, String(obj.metadata?.name || ''), causes);
  }
}
