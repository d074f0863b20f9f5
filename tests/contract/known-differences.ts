import type { KnownDifference } from './support/shape';

/**
 * Where the simulator's answers differ in shape from the recorded Rancher answers, per contract
 * (the name each test in tests/contract/*.test.ts passes to `check`). Every entry says why it is
 * allowed; an entry that no longer occurs fails its test (then remove it). Paths may be globs
 * (`*` one segment, `**` any).
 *
 * Not listed here: fields a recording has only sometimes (e.g. aksConfig on AKS clusters) are never
 * "missing", and a recorded value Cypress scrubbed (`revision: CYPRESS_SAFE_RESOURCE_REVISION`)
 * accepts any type.
 */
const STORED_SUBSET = 'The simulator stores the fields the extension, the CLI and the shell\'s cluster pages read, not every field Rancher\'s controllers fill in (not a rendering difference: sim/controllers builds the objects).';
const NO_FIELDS = 'Steve fills metadata.fields from the schema\'s table columns (attributes.columns → $.metadata.fields[i]); the simulator sends no columns values. The shell falls back to the object for the columns our list defines.';
const NO_FINALIZERS = 'The simulator does not model finalizers (deletes are controller timers in sim/controllers/cluster-lifecycle.ts).';
const CONDITION_SUMMARY = 'Steve normalises every condition with error/transitioning flags (its summary package); the simulator sends conditions as stored (type, status, reason, message, lastUpdateTime). The extension reads type/status/message/lastUpdateTime only; computing the flags faithfully is more than a one-line change.';
const TRANSITION_TIME = 'lastTransitionTime is part of the condition types (omitempty) and appears on real clusters; the recorded clusters just happen not to carry it.';

/** One entry per field under `parent`, with one reason. */
function each(kind: KnownDifference['kind'], parent: string, fields: string[], reason: string): KnownDifference[] {
  return fields.map((f) => ({
    kind, path: `${ parent }.${ f }`, reason
  }));
}

export const KNOWN_DIFFERENCES: Record<string, KnownDifference[]> = {
  'steve-collection': [],

  'steve-management-cluster': [
    {
      kind: 'missing', path: 'actions', reason: 'Rancher adds apply / generateKubeconfig / importYaml actions to management clusters; the simulator serves none of these actions.'
    },
    {
      kind: 'missing', path: 'links.log', reason: 'Links to cluster sub-resources (log, projects, schemas, shell, subscribe) the simulator does not serve.'
    },
    {
      kind: 'missing', path: 'links.projects', reason: 'As links.log.'
    },
    {
      kind: 'missing', path: 'links.schemas', reason: 'As links.log.'
    },
    {
      kind: 'missing', path: 'links.shell', reason: 'As links.log (kubectl shell).'
    },
    {
      kind: 'missing', path: 'links.subscribe', reason: 'As links.log.'
    },
    {
      kind: 'missing', path: 'metadata.fields', reason: NO_FIELDS
    },
    {
      kind: 'missing', path: 'metadata.finalizers', reason: NO_FINALIZERS
    },
    ...each('missing', 'spec', ['agentImageOverride', 'answers', 'clusterSecrets', 'desiredAgentImage', 'desiredAuthImage', 'enableNetworkPolicy', 'localClusterAuthEndpoint', 'windowsPreferedCluster'], STORED_SUBSET),
    {
      kind: 'extra', path: 'spec.agentEnvVars', reason: 'Part of the v3 ClusterSpec (omitempty; the Import form sets it); none of the recorded clusters has agent environment variables.'
    },
    ...each('missing', 'status', ['agentImage', 'aksStatus', 'aliStatus', 'appliedEnableNetworkPolicy', 'appliedSpec', 'authImage', 'capabilities', 'connected', 'eksStatus', 'gkeStatus', 'limits', 'info', 'allocatable', 'capacity', 'requested'], STORED_SUBSET),
    ...each('missing', 'status.version', ['buildDate', 'compiler', 'emulationMajor', 'emulationMinor', 'gitCommit', 'gitTreeState', 'goVersion', 'minCompatibilityMajor', 'minCompatibilityMinor'], `${ STORED_SUBSET } The simulated downstream Kubernetes version has gitVersion, major and minor.`),
    ...each('missing', 'status.allocatable', ['cpuRaw', 'memoryRaw'], `${ STORED_SUBSET } Where the simulator has resource maps it has cpu/memory/pods strings, not the *Raw numbers.`),
    ...each('missing', 'status.requested', ['cpuRaw', 'memoryRaw'], `${ STORED_SUBSET } As status.allocatable.`),
    ...each('missing', 'status.info', ['nodeCount'], STORED_SUBSET),
    {
      kind: 'missing', path: 'status.conditions[].error', reason: CONDITION_SUMMARY
    },
    {
      kind: 'missing', path: 'status.conditions[].transitioning', reason: CONDITION_SUMMARY
    },
    {
      kind: 'extra', path: 'status.conditions[].lastTransitionTime', reason: TRANSITION_TIME
    },
  ],

  'steve-provisioning-cluster': [
    {
      kind: 'missing', path: 'metadata.fields', reason: NO_FIELDS
    },
    {
      kind: 'missing', path: 'metadata.finalizers', reason: NO_FINALIZERS
    },
    {
      kind: 'missing', path: 'spec.localClusterAuthEndpoint', reason: STORED_SUBSET
    },
    {
      kind: 'missing', path: 'status.conditions[].error', reason: CONDITION_SUMMARY
    },
    {
      kind: 'missing', path: 'status.conditions[].transitioning', reason: CONDITION_SUMMARY
    },
    {
      kind: 'extra', path: 'status.conditions[].lastTransitionTime', reason: TRANSITION_TIME
    },
  ],

  'steve-management-node': [
    {
      kind: 'missing', path: 'metadata.fields', reason: NO_FIELDS
    },
    {
      kind: 'missing', path: 'status.conditions[].error', reason: CONDITION_SUMMARY
    },
    {
      kind: 'missing', path: 'status.conditions[].transitioning', reason: CONDITION_SUMMARY
    },
    {
      kind: 'type', path: 'metadata.relationships', reason: 'Steve sends null for an object without relationships (the recorded machines); the simulator\'s renderer (sim/steve/render.ts) sends [] for every object, as the shell treats both alike.'
    },
  ],

  'steve-schema': [
    {
      kind: 'missing', path: 'description', reason: 'The simulator\'s type catalog (sim/steve/type-catalog.ts) carries no OpenAPI descriptions; schemas are rendered in sim/steve/schemas.ts (not a render.ts one-liner).'
    },
    {
      kind: 'missing', path: 'attributes.columns[].description', reason: 'Table columns in the type catalog have name/field/type only; Steve copies description, format and priority from the CRD printer columns.'
    },
    {
      kind: 'missing', path: 'attributes.columns[].format', reason: 'As attributes.columns[].description.'
    },
    {
      kind: 'missing', path: 'attributes.columns[].priority', reason: 'As attributes.columns[].description.'
    },
  ],

  'steve-error': [
    {
      kind: 'missing', path: 'links', reason: 'Steve errors carry `links: {}`; the simulator renders Steve and Norman errors with one ApiError.toBody() (sim/core/api-error.ts, not a render.ts change). No client reads an error\'s links.'
    },
    {
      kind: 'extra', path: 'baseType', reason: 'Norman errors have baseType: error; the simulator sends it on Steve errors too (same shared ApiError.toBody()). Harmless to the shell, which reads type/code/message/status.'
    },
  ],

  'norman-collection':                 [],
  'norman-cloudcredential-collection': [
    {
      kind: 'extra', path: 'revision', reason: 'The recorded list is one the dashboard\'s tests build (generateFakeCloudCredentialsReply), trimmed of revision; real Norman collections carry it (the recorded users collection does: norman-collection).'
    },
  ],
  'norman-cloudcredential': [
    {
      kind: 'missing', path: 'digitaloceancredentialConfig', reason: 'The recorded credential is a DigitalOcean one; the simulator models only the harvester node driver, so its credentials carry harvestercredentialConfig (sim/norman/cloud-credential-model.ts).'
    },
    {
      kind: 'extra', path: 'harvestercredentialConfig', reason: 'As digitaloceancredentialConfig: the driver\'s config field is named after the driver.'
    },
    {
      kind: 'missing', path: 'links.nodeTemplates', reason: 'Norman adds a link per schema referencing cloudCredential (norman api/writer/json.go addLinks, nodeTemplate.cloudCredentialId); the simulator serves no node templates.'
    },
  ],
  'norman-user': [
    {
      kind: 'missing', path: 'conditions', reason: 'Norman flattens status.conditions of a user (null or the InitialRolesPopulated condition); the simulator\'s users have no status.'
    },
    ...each('missing', 'links', ['clusterRoleTemplateBindings', 'globalRoleBindings', 'projectRoleTemplateBindings', 'tokens'], 'Links to a user\'s bindings and tokens (filtered collections); the simulator adds type-specific Norman links only for clusters (sim/norman/routes.ts), not in renderNorman.'),
  ],
};
