// Plain-object shapes of the Rancher resources the domain reads. Everything is optional because
// Steve omits empty fields, objects arrive half-filled while Rancher is still reconciling, and the
// same functions must accept store models, raw API JSON and test fixtures alike.

/** A translatable message: the UI passes it to `t(key, args)`, the CLI to its own catalogue. */
export interface Message {
  key: string;
  args?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Message };

export interface Condition {
  type?: string;
  status?: string; // 'True' | 'False' | 'Unknown'
  message?: string;
  reason?: string;
  error?: boolean;
  transitioning?: boolean;
  lastUpdateTime?: string;
}

export interface ResourceState {
  name?: string;
  error?: boolean;
  transitioning?: boolean;
  message?: string;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: ResourceState;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/**
 * Steve link values are URLs, except Rancher's literal 'blocked' which means the verb exists but
 * must go through another object (e.g. a management cluster owned by a provisioning cluster).
 */
export interface ResourceLinks {
  self?: string;
  update?: string;
  remove?: string;
  view?: string;
  [name: string]: string | undefined;
}

export interface SteveResource {
  id?: string;
  type?: string;
  links?: ResourceLinks;
  metadata?: ObjectMeta;
}

export interface MachinePool {
  name?: string;
  cloudCredentialSecretName?: string;
  machineConfigRef?: { kind?: string; name?: string; apiVersion?: string };
}

export interface ProvisioningCluster extends SteveResource {
  spec?: {
    kubernetesVersion?: string;
    cloudCredentialSecretName?: string;
    rkeConfig?: { machinePools?: MachinePool[] } & Record<string, unknown>;
    [field: string]: unknown;
  };
  status?: {
    clusterName?: string;
    conditions?: Condition[];
    ready?: boolean;
    [field: string]: unknown;
  };
}

export interface ManagementCluster extends SteveResource {
  spec?: {
    displayName?: string;
    description?: string;
    internal?: boolean;
    fleetWorkspaceName?: string;
    [field: string]: unknown;
  };
  status?: {
    provider?: string;
    /** Set when an agent first registers (`imported`, `k3s`, `rke2`…); empty before. */
    driver?: string;
    /** The downstream API as the agent reported it on first registration. */
    apiEndpoint?: string;
    conditions?: Condition[];
    version?: { gitVersion?: string };
    info?: { kubernetesVersion?: string; nodeCount?: number };
    nodeCount?: number;
    [field: string]: unknown;
  };
}

/** Norman `clusterRegistrationToken` (GET /v3/clusterregistrationtokens). */
export interface RegistrationToken {
  id?: string;
  type?: string;
  clusterId?: string;
  token?: string;
  manifestUrl?: string;
  command?: string;
  insecureCommand?: string;
  created?: string;
  [field: string]: unknown;
}

/**
 * A Harvester cloud credential, either the Norman `cloudcredential` (`harvestercredentialConfig`),
 * the Steve secret in `cattle-global-data` (base64 `data`), or the shell's model (`decodedData`).
 */
export interface CloudCredential extends SteveResource {
  name?: string;
  harvestercredentialConfig?: { clusterId?: string; clusterType?: string };
  decodedData?: Record<string, string | undefined>;
  data?: Record<string, string | undefined>;
}

/** Steve or Norman schema, as served per user by /v1/schemas and /v3/schemas. */
export interface Schema {
  id?: string;
  collectionMethods?: string[];
  resourceMethods?: string[];
  attributes?: { verbs?: string[]; [field: string]: unknown };
}

/** A provisioning cluster joined with its management cluster: one row of the product's list. */
export interface JoinedCluster {
  /** Provisioning cluster id, `fleet-default/<name>`; what routes and the virtual type use. */
  id: string;
  provisioning: ProvisioningCluster;
  management?: ManagementCluster;
  /** Management cluster id (`c-xxxxx` / `c-m-xxxxxxxx`) when known. */
  managementId?: string;
}

/** One page of a Steve list (`/v1/<type>s?…`), as the extension and the CLI read it. */
export interface SteveCollection<T> {
  data?: T[];
  /** Omitted when 0 (omitempty). */
  count?: number;
  /** Only without Steve's SQL cache. */
  pages?: number;
}
