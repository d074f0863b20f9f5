import { ApiError, errors } from '../core/api-error';
import { metadataMapProblem } from '../core/labels';
import { timestampMillis } from '../core/time';
import { KubeObject } from '../store/kube-object';

/**
 * Norman's `cloudCredential` as Rancher builds it over a Secret: the schema, the request body as
 * Norman's builder accepts it, and the Secret as the response shows it. Sources, the same on
 * rancher release/v2.10, v2.11 and v2.12 and norman v0.4.2, v0.5.2, v0.6.1 unless noted:
 * - rancher `pkg/schemas/management.cattle.io/v3/schema.go` credTypes: mappers DisplayName,
 *   CredentialMapper, AnnotationField name/description, Drop namespaceId;
 * - rancher `pkg/schemas/mapper/credentialmapper.go`: `<driver>credentialConfig.<field>` is stored
 *   as Secret key `<driver>credentialConfig-<field>` and read back from every `xConfig-y` key;
 * - rancher `pkg/data/management/machinedriver_data.go` + `pkg/controllers/management/drivers/
 *   nodedriver/machine_driver.go`: the harvester driver's credential fields (clusterType,
 *   clusterId public; kubeconfigContent private, so of type `password`; clusterId optional;
 *   clusterType defaults to `imported`); `pkg/controllers/managementapi/dynamicschema/dynamicschema.go`
 *   turns every string flag's empty default into a default of "" (so no field is ever "missing");
 * - norman `parse/builder/builder.go`: strings are trimmed, defaults fill absent or empty fields on
 *   create, and `password` fields are never written on output (fieldMatchesOp List/ListForCreate).
 * Only the harvester driver is modelled: the simulator has no other node drivers.
 */
export const GLOBAL_DATA_NAMESPACE = 'cattle-global-data';
export const CLOUD_CREDENTIAL = 'cloudCredential';
export const HARVESTER_CONFIG = 'harvestercredentialConfig';
export const NAME_ANNOTATION = 'field.cattle.io/name';
export const DESCRIPTION_ANNOTATION = 'field.cattle.io/description';
export const CREATOR_ANNOTATION = 'field.cattle.io/creatorId';

interface CredentialField { type: 'string' | 'password', default: string, required: boolean }

export const HARVESTER_FIELDS: Readonly<Record<string, CredentialField>> = {
  clusterId: {
    type: 'string', default: '', required: false
  },
  clusterType: {
    type: 'string', default: 'imported', required: true
  },
  kubeconfigContent: {
    type: 'password', default: '', required: true
  },
};

/** `/v3/schemas` entries: the credential and its embedded harvester config (a dynamic schema). */
export function cloudCredentialSchemas(origin: string): Array<Record<string, unknown> & { id: string }> {
  const field = (type: string, extra: Record<string, unknown> = {}) => ({
    type, create: true, update: true, nullable: true, ...extra,
  });
  const readOnly = (type: string) => ({
    type, create: false, update: false, nullable: true
  });

  return [{
    id:                CLOUD_CREDENTIAL,
    type:              'schema',
    pluralName:        'cloudCredentials',
    links:             { self: `${ origin }/v3/schemas/cloudcredential`, collection: `${ origin }/v3/cloudCredentials` },
    // The default methods of a Norman type (norman types/reflection.go), in the order the schema
    // store writes them for the caller (store/schema/schema_store.go modifyForAccessControl).
    collectionMethods: ['POST', 'GET'],
    resourceMethods:   ['PUT', 'DELETE', 'GET'],
    resourceFields:    {
      annotations:        field('map[string]'),
      created:            readOnly('date'),
      creatorId:          readOnly('string'),
      description:        field('string'),
      labels:             field('map[string]'),
      name:               field('string'),
      removed:            readOnly('date'),
      uuid:               readOnly('string'),
      // Added by the harvester node driver's controller (createOrUpdateNodeForEmbeddedTypeCredential).
      [HARVESTER_CONFIG]: field('harvestercredentialconfig'),
    },
  }, {
    id:                'harvestercredentialconfig',
    type:              'schema',
    pluralName:        'harvestercredentialconfigs',
    links:             { self: `${ origin }/v3/schemas/harvestercredentialconfig` },
    collectionMethods: [],
    resourceMethods:   [],
    resourceFields:    Object.fromEntries(Object.entries(HARVESTER_FIELDS).map(([name, f]) => [name, {
      type: f.type, create: true, update: true, required: f.required, default: f.default, dynamicField: true,
    }])),
  }];
}

/** Go's fmt.Sprint of a decoded JSON value, which norman's convert.ToString uses. */
function goString(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${ value.map(goString).join(' ') }]`;
  }
  if (value && typeof value === 'object') {
    return `map[${ Object.keys(value).sort().map((k) => `${ k }:${ goString((value as Record<string, unknown>)[k]) }`).join(' ') }]`;
  }

  return value === null || value === undefined ? '' : String(value);
}

const toNormanString = (value: unknown) => goString(value).trim();

export interface CredentialDraft {
  name?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** harvestercredentialConfig as strings (create: every field, defaults filled; update: those sent). */
  config?: Record<string, string>;
}

/** A `map[string]` field: a non-map is dropped by the builder (convertMap), values become strings. */
function stringMap(value: unknown, field: 'labels' | 'annotations'): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const map = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNormanString(v)]));
  // Kubernetes then validates the Secret's metadata (422 Invalid, relayed by norman's proxy store).
  const problem = metadataMapProblem(field, map);

  if (problem) {
    throw errors.invalid(`Secret "" is invalid: ${ problem }`);
  }

  return map;
}

/**
 * What Norman's builder makes of a create (POST) or update (PUT) body, then cred.Validator: the
 * body must carry a non-empty `*Config` (rancher `pkg/api/norman/customization/cred/store.go`
 * Validator: `MissingRequired`, "a Config field must be set", on create and update alike).
 * Unknown fields are dropped, as the builder drops anything its schema lacks.
 */
export function parseCredentialBody(body: Record<string, unknown>, op: 'create' | 'update'): CredentialDraft {
  const draft: CredentialDraft = {};

  // `name` and `description` are nullable strings; AnnotationField stores even null (as "").
  if ('name' in body) {
    draft.name = toNormanString(body.name);
  }
  if ('description' in body) {
    draft.description = toNormanString(body.description);
  }
  draft.labels = stringMap(body.labels, 'labels');
  draft.annotations = stringMap(body.annotations, 'annotations');

  const raw = body[HARVESTER_CONFIG];

  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      // builder.convertType, wrapped by copyInputs in a field error whose message is the inner error.
      throw new ApiError(422, 'InvalidFormat', `InvalidFormat: Value can not be converted to type harvestercredentialconfig: ${ goString(raw) }`, { fieldName: HARVESTER_CONFIG });
    }
    const config: Record<string, string> = {};

    for (const [name, f] of Object.entries(HARVESTER_FIELDS)) {
      const value = (raw as Record<string, unknown>)[name];

      if (value !== undefined && value !== null) {
        config[name] = toNormanString(value);
      }
      if (op === 'create' && !config[name]) {
        config[name] = f.default;
      }
    }
    draft.config = config;
  }
  if (!draft.config) {
    throw new ApiError(422, 'MissingRequired', 'a Config field must be set');
  }

  return draft;
}

const decode = (value: unknown) => Buffer.from(String(value ?? ''), 'base64').toString('utf8');

export const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64');

/**
 * The `xConfig` a Secret's data holds, as CredentialMapper.formatData reads it: the first key
 * split by `-` into exactly two parts whose first part ends in `Config` names it, and every such
 * key becomes one of its fields (decoded: cred.decodeNonPasswordFields). Undefined when the Secret
 * is no cloud credential (the Transformer in cred/store.go then hides it).
 */
export function credentialConfigOf(secret: KubeObject): { key: string, values: Record<string, string> } | undefined {
  const data = (secret.data || {}) as Record<string, string>;
  const parts = Object.keys(data).map((k) => k.split('-')).filter((p) => p.length === 2);
  const key = parts.find(([config]) => config.endsWith('Config'))?.[0];

  return key ? { key, values: Object.fromEntries(parts.map((p) => [p[1], decode(data[p.join('-')])])) } : undefined;
}

export const isCloudCredential = (secret: KubeObject) => !!credentialConfigOf(secret);

/** The harvester config as the output builder writes it: schema fields only, no password, defaults for what is absent. */
function outputConfig(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(HARVESTER_FIELDS).filter(([, f]) => f.type !== 'password')
    .map(([name, f]) => [name, values[name] ?? f.default]));
}

/**
 * A credential Secret as Norman answers it, shaped like the recording in @rancher/cypress
 * `e2e/blueprints/nav/edit-cluster.ts` generateFakeCloudCredentialsReply: annotations without the
 * ones mapped to fields (name, description, creatorId: rancher `pkg/schemas/mapper/creator.go`),
 * no `data`, no `namespaceId`, no state fields (a Secret has no status). Links: every user gets
 * update/remove (norman `api/writer/json.go` addLinks asks AllAccess, i.e. the schema's methods).
 */
export function renderCredential(origin: string, secret: KubeObject): Record<string, unknown> {
  const { metadata } = secret;
  const id = `${ metadata.namespace }:${ metadata.name }`;
  const self = `${ origin }/v3/cloudCredentials/${ id }`;
  const annotations = { ...(metadata.annotations || {}) };
  const config = credentialConfigOf(secret);
  const mapped = [NAME_ANNOTATION, DESCRIPTION_ANNOTATION, CREATOR_ANNOTATION].map((k) => [k, annotations[k]]);

  mapped.forEach(([k]) => delete annotations[k as string]);
  const [[, name], [, description], [, creatorId]] = mapped;

  return {
    annotations,
    baseType:  CLOUD_CREDENTIAL,
    created:   metadata.creationTimestamp,
    createdTS: timestampMillis(metadata.creationTimestamp),
    ...(creatorId !== undefined ? { creatorId } : {}),
    ...(description !== undefined ? { description } : {}),
    // Other drivers' fields are unknown to the simulator's schema and, like any unknown field, not written.
    ...(config ? { [config.key]: config.key === HARVESTER_CONFIG ? outputConfig(config.values) : {} } : {}),
    id,
    labels:    metadata.labels || {},
    links:     {
      self, update: self, remove: self
    },
    // CredentialMapper.FromInternal: without a name annotation, the object's name (before the namespace is prefixed).
    name: name || metadata.name,
    ...(metadata.deletionTimestamp ? { removed: metadata.deletionTimestamp, removedTS: timestampMillis(metadata.deletionTimestamp) } : {}),
    type: CLOUD_CREDENTIAL,
    uuid: metadata.uid,
  };
}
