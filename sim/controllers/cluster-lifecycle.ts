import { KUBERNETES_VERSION } from '../kube/discovery';
import { harvesterVersionOf } from '../harvester/harvester-fleet';
import { ApiError, errors } from '../core/api-error';
import { normanClusterId, projectName, provisionedClusterId, tokenSecret } from '../core/ids';
import { kubeTimestamp } from '../core/time';
import type { SimState } from '../state';
import { clone, KubeObject } from '../store/kube-object';
import { HookRegistry } from '../steve/hooks';
import { ADMINISTRATED_ANNOTATION } from '../steve/render';
import { TYPES } from '../steve/type-catalog';
import {
  CREATOR_ANNOTATION, FLEET_DEFAULT, HARVESTER_LABEL, isOwnedByProvisioningCluster, linkRelationships, newManagementCluster,
  newProvisioningCluster, OWNER_NAME_ANNOTATION, OWNER_NAMESPACE_ANNOTATION, provisioningStatus,
  REGISTRATION_TOKEN_NAME, resourceState, specFromProvisioning
} from './cluster-objects';
import { AgentConnection, type AgentReport } from './agent-connection';
import { legacyProvisioningMetadata } from './legacy-provisioning-metadata';
import { ClusterConnectedChecker } from './cluster-connected';
import { recordClusterEvent, removeClusterEvents } from './cluster-events';
import { removeClusterNodes } from './node-sync';

/** How long Rancher's auth controller takes to bind a cluster's creator as its owner. */
export const CREATOR_BINDING_DELAY_MS = 20;

export type { AgentReport } from './agent-connection';

/**
 * Rancher's import and removal controllers, reduced to what an imported (Harvester) cluster
 * goes through:
 * - Steve path: provisioning cluster → management cluster `c-m-xxxxxxxx` (owner annotations,
 *   `administrated`), labels copied before Rancher 2.11;
 * - Norman path: management cluster `c-xxxxx` → provisioning cluster `fleet-default/c-xxxxx`;
 * - then the cluster namespace, the `default-token` registration token, the Default/System
 *   projects and, for a non-admin creator, a cluster-owner binding;
 * - agent connected → `Connected`/`Ready` → active; delete → removing → everything the
 *   cluster owns in Rancher is removed, the agent is told to uninstall, `cattle-system` stays.
 */
export class ClusterLifecycle {
  /** Rancher's cluster-connected checker: whose agent holds a tunnel session. */
  readonly connected: ClusterConnectedChecker;
  /** What an agent's registration, readiness and loss do to the cluster objects. */
  readonly agents: AgentConnection;

  constructor(private state: SimState) {
    this.connected = new ClusterConnectedChecker(state);
    this.agents = new AgentConnection(state, this.connected, (id) => this.provisioningFor(id));
  }

  private get store() {
    return this.state.store;
  }

  register(hooks: HookRegistry): void {
    hooks.register(TYPES.PROV_CLUSTER, {
      beforeCreate: (draft, ctx) => {
        draft.spec = draft.spec && typeof draft.spec === 'object' ? draft.spec : {};
        draft.metadata.annotations = { ...(draft.metadata.annotations || {}), [CREATOR_ANNOTATION]: ctx.user?.metadata.name || '' };
        draft.metadata.state = resourceState('pending', 'Waiting for the management cluster to be created');
        // No display-name check here: Steve only refuses the same namespace/name (409
        // AlreadyExists, sim/routes/steve.ts); NotUnique is Norman's (assertUniqueDisplayName).
      },
      delete: (obj) => this.beginDelete(obj),
    });
    hooks.register(TYPES.MGMT_CLUSTER, {
      beforeCreate: () => {
        throw errors.methodNotAllowed('create clusters through /v3/clusters or a provisioning cluster');
      },
      beforeUpdate: (draft, existing) => {
        if (existing.metadata.annotations?.[ADMINISTRATED_ANNOTATION] === 'true') {
          throw errors.forbidden(`cluster ${ existing.metadata.name } is administrated by its provisioning cluster; edit that instead`);
        }
        draft.metadata.state = existing.metadata.state;
      },
      delete: (obj) => this.deleteManagementCluster(obj),
    });
    this.store.subscribe((event) => {
      if (event.kind === 'create' && event.type === TYPES.PROV_CLUSTER && !event.obj.status?.clusterName) {
        this.state.scheduler.after(50, () => this.adoptProvisioningCluster(event.obj.metadata.namespace || FLEET_DEFAULT, event.obj.metadata.name));
      }
      if (event.kind === 'change' && event.type === TYPES.PROV_CLUSTER && event.obj.status?.clusterName) {
        this.syncImportedFromProvisioning(event.obj.status.clusterName);
      }
      if (event.kind === 'change' && event.type === TYPES.MGMT_CLUSTER) {
        this.applyLegacyMetadata(event.obj.metadata.name);
      }
    });
  }

  /**
   * Norman's cluster store refuses a display name already used by a cluster the caller can list
   * (case-insensitive, clusters being removed excepted), on create and on a rename, with
   * `{code: NotUnique, fieldName: "Cluster name", message: ""}`: rancher/rancher
   * pkg/api/norman/store/cluster/cluster_store.go canUseClusterName (release/v2.10, v2.11, v2.12),
   * httperror.NewFieldAPIError in rancher/norman httperror/error.go (v0.4.2, v0.5.2, v0.6.1).
   */
  assertUniqueDisplayName(name: string, listable: readonly KubeObject[]): void {
    const wanted = name.toLowerCase();
    const taken = listable.some((c) => !c.metadata.deletionTimestamp && String(c.spec?.displayName ?? '').toLowerCase() === wanted);

    if (taken) {
      throw new ApiError(422, 'NotUnique', '', { fieldName: 'Cluster name' });
    }
  }

  /** Steve path: a new provisioning cluster gets its management cluster. */
  adoptProvisioningCluster(namespace: string, name: string): void {
    const stored = this.store.get(TYPES.PROV_CLUSTER, `${ namespace }/${ name }`);
    const prov = stored && clone(stored);

    if (!prov || prov.status?.clusterName || prov.metadata.deletionTimestamp) {
      return;
    }
    const id = provisionedClusterId();
    // rancher pkg/controllers/provisioningv2/cluster/controller.go createNewCluster: `Labels: cluster.Labels`
    // at creation on release/v2.10–v2.12 (2.11+ only stops copying them afterwards, for imported clusters).
    const mgmt = newManagementCluster({
      id,
      displayName: name,
      description: prov.metadata.annotations?.['field.cattle.io/description'],
      labels:      prov.metadata.labels,
      owner:       { namespace, name },
      creatorId:   prov.metadata.annotations?.[CREATOR_ANNOTATION],
    });

    linkRelationships(mgmt, prov);
    this.store.create(TYPES.MGMT_CLUSTER, mgmt);
    this.store.patch(TYPES.PROV_CLUSTER, `${ namespace }/${ name }`, (p) => {
      p.status = provisioningStatus(id, false);
      p.metadata.state = mgmt.metadata.state; // the dashboard shows an imported cluster's management state
      p.metadata.relationships = prov.metadata.relationships;
    });
    this.scaffold(id, prov.metadata.annotations?.[CREATOR_ANNOTATION]);
  }

  /**
   * Norman path (`POST /v3/clusters`): management cluster first, provisioning cluster follows.
   * The caller checks the name (assertUniqueDisplayName) against the clusters it may list.
   */
  createFromNorman(input: { name: string, description?: string, labels?: Record<string, string>, annotations?: Record<string, string> }, creatorId: string): KubeObject {
    const id = normanClusterId();
    const mgmt = newManagementCluster({
      id, displayName: input.name, description: input.description, labels: input.labels, annotations: input.annotations, creatorId
    });
    const created = this.store.create(TYPES.MGMT_CLUSTER, mgmt);

    this.scaffold(id, creatorId);
    this.state.scheduler.after(50, () => this.ensureProvisioningForNorman(id, creatorId));

    return created;
  }

  /** Rancher ≥ 2.11 creates `fleet-default/<c-id>` for a cluster created through Norman. */
  private ensureProvisioningForNorman(id: string, creatorId: string | undefined): void {
    const stored = this.store.get(TYPES.MGMT_CLUSTER, id);

    if (!stored || stored.metadata.deletionTimestamp || this.provisioningFor(id)) {
      return;
    }
    const current = clone(stored);
    const prov = newProvisioningCluster(FLEET_DEFAULT, id, id, { annotations: creatorId ? { [CREATOR_ANNOTATION]: creatorId } : {} });
    const generated = legacyProvisioningMetadata(current, prov);

    if (generated) {
      prov.metadata.labels = generated.labels;
      prov.metadata.annotations = generated.annotations;
    }
    linkRelationships(current, prov);
    prov.metadata.state = current.metadata.state;
    this.store.create(TYPES.PROV_CLUSTER, prov);
    this.store.patch(TYPES.MGMT_CLUSTER, id, (m) => {
      m.metadata.relationships = current.metadata.relationships;
    });
  }

  /**
   * Level-triggered catch-up after a restart, as Rancher's controllers do: whatever a timer
   * was about to do when the process stopped (adopt, create the provisioning cluster or the
   * token, connect an installed agent, finish a delete) is scheduled again.
   */
  reconcile(): void {
    const { scheduler, config, fleet } = this.state;

    for (const prov of this.store.list(TYPES.PROV_CLUSTER)) {
      const provId = `${ prov.metadata.namespace }/${ prov.metadata.name }`;

      if (prov.metadata.deletionTimestamp) {
        scheduler.after(config.deleteDelayMs, () => this.finishDelete(provId, prov.status?.clusterName));
      } else if (!prov.status?.clusterName) {
        scheduler.after(50, () => this.adoptProvisioningCluster(prov.metadata.namespace || FLEET_DEFAULT, prov.metadata.name));
      }
    }
    for (const mgmt of this.store.list(TYPES.MGMT_CLUSTER)) {
      const id = mgmt.metadata.name;

      // A cluster made from a provisioning cluster never gets a second one made for it.
      if (id === 'local' || (isOwnedByProvisioningCluster(mgmt) && !this.provisioningFor(id))) {
        continue;
      }
      if (mgmt.metadata.deletionTimestamp) {
        if (!this.provisioningFor(id)) {
          scheduler.after(config.deleteDelayMs, () => this.finishDelete(undefined, id));
        }
        continue;
      }
      if (!this.provisioningFor(id)) {
        scheduler.after(50, () => this.ensureProvisioningForNorman(id, mgmt.metadata.annotations?.[CREATOR_ANNOTATION]));
      }
      if (!this.store.has(TYPES.REGISTRATION_TOKEN, `${ id }/${ REGISTRATION_TOKEN_NAME }`)) {
        scheduler.after(50, () => this.ensureRegistrationToken(id));
      }
      const creatorId = mgmt.metadata.annotations?.[CREATOR_ANNOTATION];

      if (creatorId && this.store.has(TYPES.USER, creatorId)) {
        scheduler.after(CREATOR_BINDING_DELAY_MS, () => this.bindCreatorAsOwner(id, creatorId)); // a no-op once bound
      }
      const harvester = fleet.byClusterId(id);
      const ready = mgmt.status?.conditions?.some((c: { type: string, status: string }) => c.type === 'Ready' && c.status === 'True');

      const report = harvester && { harvesterVersion: harvesterVersionOf(harvester), kubernetesVersion: KUBERNETES_VERSION.gitVersion };

      if (report && !ready) {
        scheduler.after(config.harvesterDelayMs, () => this.agentConnected(id, report));
      } else if (report) {
        // The user controllers start again with Rancher: the node syncer's reconcileAll (a no-op
        // when the machines match; creates them for state saved before they were modelled).
        this.agents.syncNodes(id, report);
      }
    }
  }

  /**
   * Rancher 2.10 regenerates the management cluster of a cluster made through Steve from its
   * provisioning cluster on every change (display name, description annotation, agent env vars,
   * labels): the provisioning cluster is the source of truth, and a Norman edit is overwritten,
   * not refused. From 2.11 an imported cluster's existing management cluster stays the source of
   * truth (updateImportedCluster). rancher/rancher pkg/controllers/provisioningv2/cluster/controller.go
   * createNewCluster (release/v2.10; release/v2.11 and v2.12 add updateImportedCluster).
   */
  syncImportedFromProvisioning(clusterId: string): void {
    const prov = this.provisioningFor(clusterId);
    const mgmt = this.store.get(TYPES.MGMT_CLUSTER, clusterId);

    if (this.state.rancherMinor >= 11 || !prov || !isOwnedByProvisioningCluster(mgmt) || mgmt?.metadata.deletionTimestamp) {
      return;
    }
    this.store.patch(TYPES.MGMT_CLUSTER, clusterId, (m) => {
      Object.assign(m.spec, specFromProvisioning(prov));
      m.metadata.labels = { ...(prov.metadata.labels || {}), ...(m.status?.provider === 'harvester' ? { [HARVESTER_LABEL]: 'harvester' } : {}) };
    });
  }

  /**
   * A cluster made through Norman: its provisioning cluster's labels and annotations follow the
   * management cluster's on every change (sim/controllers/legacy-provisioning-metadata.ts).
   */
  private applyLegacyMetadata(clusterId: string): void {
    const mgmt = this.store.get(TYPES.MGMT_CLUSTER, clusterId);
    const prov = this.provisioningFor(clusterId);

    if (!mgmt || !prov || clusterId === 'local' || isOwnedByProvisioningCluster(mgmt) || mgmt.metadata.deletionTimestamp || prov.metadata.deletionTimestamp) {
      return;
    }
    const generated = legacyProvisioningMetadata(mgmt, prov);

    if (generated) {
      this.store.patch(TYPES.PROV_CLUSTER, `${ prov.metadata.namespace }/${ prov.metadata.name }`, (p) => {
        p.metadata.labels = generated.labels;
        p.metadata.annotations = generated.annotations;
      });
    }
  }

  /** Namespace, projects, creator binding and (after a moment) the registration token. */
  private scaffold(clusterId: string, creatorId: string | undefined): void {
    if (!this.store.has(TYPES.NAMESPACE, clusterId)) {
      this.store.create(TYPES.NAMESPACE, { metadata: { name: clusterId, labels: { 'field.cattle.io/projectId': '' } }, status: { phase: 'Active' } });
    }
    for (const displayName of ['Default', 'System']) {
      this.createProject(clusterId, displayName);
    }
    const creator = creatorId ? this.store.get(TYPES.USER, creatorId) : undefined;

    if (creator) {
      // A controller, not the create request, makes the creator's cluster-owner binding
      // `creator-cluster-owner` — for any creator, administrators included — so for a moment a
      // Standard User cannot read what they made (a GET by id is 403 then):
      // rancher/rancher pkg/controllers/management/auth/project_cluster/cluster_handler.go
      // reconcileClusterCreatorRTB, annotation authz.management.cattle.io/creator-owner-binding
      // (release/v2.10, v2.11, v2.12).
      this.state.scheduler.after(CREATOR_BINDING_DELAY_MS, () => this.bindCreatorAsOwner(clusterId, creatorId as string));
    }
    this.state.scheduler.after(Math.min(200, this.state.config.harvesterDelayMs), () => this.ensureRegistrationToken(clusterId));
  }

  private bindCreatorAsOwner(clusterId: string, creatorId: string): void {
    const bound = this.store.list(TYPES.CRTB).some((b) => b.clusterName === clusterId && b.userName === creatorId && b.roleTemplateName === 'cluster-owner');

    if (bound || !this.store.has(TYPES.MGMT_CLUSTER, clusterId)) {
      return;
    }
    this.store.create(TYPES.CRTB, {
      metadata: {
        name: 'creator-cluster-owner', namespace: clusterId, annotations: { 'authz.management.cattle.io/creator-owner-binding': 'true' }
      },
      clusterName:       clusterId,
      userName:          creatorId,
      userPrincipalName: `local://${ creatorId }`,
      roleTemplateName:  'cluster-owner',
    });
  }

  createProject(clusterId: string, displayName: string, name = projectName()): KubeObject {
    if (!this.store.has(TYPES.NAMESPACE, name)) {
      this.store.create(TYPES.NAMESPACE, { metadata: { name }, status: { phase: 'Active' } });
    }

    return this.store.create(TYPES.PROJECT, {
      metadata: {
        name, namespace: clusterId, labels: displayName === 'Default' ? { 'authz.management.cattle.io/default-project': 'true' } : { 'authz.management.cattle.io/system-project': 'true' }
      },
      spec: {
        clusterName: clusterId, displayName, description: `${ displayName } project created for the cluster`
      },
      status: {},
    });
  }

  /** Create `default-token` unless it exists (or the token fault is armed). */
  ensureRegistrationToken(clusterId: string): KubeObject | undefined {
    const id = `${ clusterId }/${ REGISTRATION_TOKEN_NAME }`;
    const existing = this.store.get(TYPES.REGISTRATION_TOKEN, id);

    if (existing || !this.store.has(TYPES.MGMT_CLUSTER, clusterId)) {
      return existing;
    }
    if (this.state.faults.take('token-never-created')) {
      return undefined;
    }

    const token = this.store.create(TYPES.REGISTRATION_TOKEN, {
      metadata: { name: REGISTRATION_TOKEN_NAME, namespace: clusterId },
      spec:     { clusterName: clusterId },
      status:   { token: tokenSecret() },
    });

    recordClusterEvent(this.store, this.store.get(TYPES.MGMT_CLUSTER, clusterId) as KubeObject, {
      type: 'Normal', reason: 'Registering', message: 'Waiting for the cluster agent: apply the registration manifest on the Harvester cluster',
    });

    return token;
  }

  findTokenBySecret(secret: string, clusterId: string): KubeObject | undefined {
    return this.store.list(TYPES.REGISTRATION_TOKEN).find((t) => t.metadata.namespace === clusterId && t.status?.token === secret);
  }

  /** The provisioning cluster that fronts a management cluster. */
  provisioningFor(clusterId: string): KubeObject | undefined {
    return this.store.list(TYPES.PROV_CLUSTER).find((p) => p.status?.clusterName === clusterId);
  }

  /** The agent came up on the Harvester side (agent-connection.ts). */
  agentConnected(clusterId: string, report: AgentReport): void {
    this.agents.agentConnected(clusterId, report);
  }

  /** The API answers through the tunnel (agent-connection.ts). */
  markReady(clusterId: string, report: AgentReport): void {
    this.agents.markReady(clusterId, report);
  }

  /** The agent went away (agent-connection.ts). */
  agentDisconnected(clusterId: string, message: string): void {
    this.agents.agentDisconnected(clusterId, message);
  }

  /** After a restart, agents of connected clusters dial in again (agent-connection.ts). */
  resumeAgentSessions(): void {
    this.agents.resumeAgentSessions();
  }

  /** DELETE on a provisioning cluster: mark removing now, cascade after `deleteDelayMs`. */
  beginDelete(prov: KubeObject): KubeObject | undefined {
    const provId = `${ prov.metadata.namespace }/${ prov.metadata.name }`;
    const clusterId: string | undefined = prov.status?.clusterName;

    if (prov.metadata.deletionTimestamp) {
      return prov;
    }
    const removing = resourceState('removing', 'Removing the cluster from Rancher');
    const marked = this.store.patch(TYPES.PROV_CLUSTER, provId, (p) => {
      p.metadata.deletionTimestamp = kubeTimestamp();
      p.metadata.state = removing;
    });

    if (clusterId) {
      this.store.patch(TYPES.MGMT_CLUSTER, clusterId, (m) => {
        m.metadata.deletionTimestamp = kubeTimestamp();
        m.metadata.state = removing;
      });
    }
    this.state.scheduler.after(this.state.config.deleteDelayMs, () => this.finishDelete(provId, clusterId));

    return marked;
  }

  /** DELETE on a management cluster: refused when a provisioning cluster administrates it. */
  private deleteManagementCluster(mgmt: KubeObject): KubeObject | undefined {
    if (mgmt.metadata.annotations?.[ADMINISTRATED_ANNOTATION] === 'true') {
      const owner = `${ mgmt.metadata.annotations[OWNER_NAMESPACE_ANNOTATION] }/${ mgmt.metadata.annotations[OWNER_NAME_ANNOTATION] }`;

      throw errors.forbidden(`cluster ${ mgmt.metadata.name } is administrated by provisioning cluster ${ owner }; delete that instead`);
    }
    const prov = this.provisioningFor(mgmt.metadata.name);

    if (prov) {
      this.beginDelete(prov);
    } else {
      this.store.patch(TYPES.MGMT_CLUSTER, mgmt.metadata.name, (m) => {
        m.metadata.deletionTimestamp = kubeTimestamp();
        m.metadata.state = resourceState('removing', 'Removing the cluster from Rancher');
      });
      this.state.scheduler.after(this.state.config.deleteDelayMs, () => this.finishDelete(undefined, mgmt.metadata.name));
    }

    return this.store.get(TYPES.MGMT_CLUSTER, mgmt.metadata.name);
  }

  /** Remove what the cluster owns in Rancher; the Harvester side keeps `cattle-system`. */
  finishDelete(provId: string | undefined, clusterId: string | undefined): void {
    if (this.state.faults.take('delete-stuck')) {
      return;
    }
    if (clusterId) {
      this.connected.forget(clusterId);
      this.state.emit('cluster-removed', clusterId);
      for (const type of [TYPES.REGISTRATION_TOKEN, TYPES.CRTB]) {
        this.store.list(type).filter((o) => o.metadata.namespace === clusterId || o.clusterName === clusterId)
          .forEach((o) => this.store.remove(type, `${ o.metadata.namespace }/${ o.metadata.name }`));
      }
      for (const project of this.store.list(TYPES.PROJECT).filter((p) => p.metadata.namespace === clusterId)) {
        const key = `${ clusterId }:${ project.metadata.name }`;

        this.store.list(TYPES.PRTB).filter((b) => b.projectName === key)
          .forEach((b) => this.store.remove(TYPES.PRTB, `${ b.metadata.namespace }/${ b.metadata.name }`));
        this.store.remove(TYPES.PROJECT, `${ clusterId }/${ project.metadata.name }`);
        this.store.remove(TYPES.NAMESPACE, project.metadata.name);
      }
      removeClusterEvents(this.store, this.store.get(TYPES.MGMT_CLUSTER, clusterId)?.metadata.uid);
      removeClusterNodes(this.state, clusterId); // they live in the cluster's namespace
      this.store.remove(TYPES.MGMT_CLUSTER, clusterId);
      this.store.remove(TYPES.NAMESPACE, clusterId);
    }
    if (provId) {
      this.store.remove(TYPES.PROV_CLUSTER, provId);
    }
  }
}
