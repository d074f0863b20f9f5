import ProvCluster, { type ShellAction } from '@shell/models/provisioning.cattle.io.cluster';
import { MANAGEMENT } from '@shell/config/types';
import {
  BLANK_CLUSTER, DELETE_DIALOG, DETAIL_ROUTE_NAME, HARVESTER_CLUSTER_TYPE, HARVESTER_UI_DASHBOARD, HARVESTER_UI_PRODUCT, HARVESTER_UI_ROUTE_NAME, LIST_ROUTE_NAME, PRODUCT_NAME,
} from '../config/constants';
import {
  canDelete, canEdit, canExplore, decideClusterState, isHarvester, kubernetesVersion, machineCount, systemAnnotationKeys, systemLabelKeys, DEFAULT_WORKSPACE,
  type JoinedCluster, type ManagementCluster,
} from '../domain';
import { harvesterVersionOf } from '../adapters/harvester-versions';
import { isRemovalRequested } from '../adapters/removal-requests';
import { storeJoin } from '../adapters/cluster-join';
import { memoized } from '../adapters/model-memo';

/** The shell cluster model's actions a Harvester cluster keeps (upstream's list offers them too). */
const SHELL_ACTIONS = ['openShell', 'downloadKubeConfig', 'copyKubeConfig', 'download'];

/**
 * A Harvester cluster: a provisioning cluster seen through this product. Every decision reads
 * `joined` (which provisioning and management cluster: adapters/cluster-join.ts) and asks the
 * domain layer.
 */
export default class HarvesterCluster extends ProvCluster {
  /**
   * A row of the list page: the list adapter hands in the join its page fetched
   * (adapters/cluster-join.ts `pageJoin`). Not enumerable: never part of the object. A row
   * joined again (the list keeps its row objects across refreshes) is assigned, so that what
   * read the join through the reactive row (the memoised getters) hears of it.
   */
  withJoined(joined: JoinedCluster): this {
    if (Object.prototype.hasOwnProperty.call(this, 'pageJoined')) {
      this.pageJoined = joined;
    } else {
      Object.defineProperty(this, 'pageJoined', {
        value: joined, enumerable: false, configurable: true, writable: true,
      });
    }

    return this;
  }

  /** The domain's view of this cluster: what the page fetched, or else the store's live objects. */
  get joined(): JoinedCluster {
    return (this.pageJoined as JoinedCluster | undefined) || storeJoin(this.$rootGetters['management/byId'], this);
  }

  /** The management cluster (the shell's provisioning model reads name, description and more from it). */
  get mgmt(): ManagementCluster | undefined {
    return this.joined.management;
  }

  get managementId() {
    return this.joined.managementId;
  }

  get isHarvester() {
    const { provisioning, management } = this.joined;

    return isHarvester(provisioning, management);
  }

  get harvesterVersion() {
    return harvesterVersionOf(this.managementId);
  }

  /** Memoised (adapters/model-memo.ts): a version answer that leaves the state as it was re-renders nothing. */
  get stateDecision() {
    return memoized(this, 'stateDecision', (row) => decideClusterState(row.joined, row.harvesterVersion, isRemovalRequested(row.id)));
  }

  get state() {
    return this.stateDecision.state;
  }

  get stateDisplay() {
    return this.t(this.notFound ? 'harvesterManager.state.notFound' : this.stateDecision.displayKey);
  }

  get stateColor() {
    return this.notFound ? 'text-warning' : `text-${ this.stateDecision.tone }`;
  }

  get stateDescription() {
    const {
      reason, detail, error, transitioning
    } = this.stateDecision;

    if (reason) {
      return this.t(reason.key, reason.args);
    }

    // an Unavailable cluster says why (Rancher: "Cluster agent is not connected"), like a transition
    return error || transitioning || this.stateDecision.state === 'unavailable' ? detail || '' : '';
  }

  /**
   * What the shell's masthead banner reads: our decision, with Rancher's message or ours (the
   * shell would say "transitioning, but there isn't a message available" for every new import).
   */
  get stateObj() {
    const { state, error } = this.stateDecision;
    // Rancher's summary calls Ready=False (Unavailable) transitioning too: the banner says why
    const transitioning = this.stateDecision.transitioning || state === 'unavailable';

    return {
      name: state, error, transitioning, message: this.stateDescription || (error || transitioning ? this.t(`harvesterManager.state.banner.${ state }`) : ''),
    };
  }

  get isReady() {
    return this.state === 'active';
  }

  get kubernetesVersion() {
    return kubernetesVersion(this.joined) || '';
  }

  get machineCount() {
    const nodes = this.$rootGetters['management/schemaFor'](MANAGEMENT.NODE) ? this.$rootGetters['management/all'](MANAGEMENT.NODE) : null;

    return machineCount(this.joined, nodes?.length ? nodes : null);
  }

  get canUpdate() {
    return canEdit(this.joined.provisioning);
  }

  get canEdit() {
    return this.canUpdate;
  }

  /** Not again while it is being removed (bulk Delete of rows still listed). */
  get canDelete() {
    return canDelete(this.joined.provisioning) && this.state !== 'removing';
  }

  get canExplore() {
    return canExplore(this.joined, this.harvesterVersion);
  }

  /**
   * Labels and annotations Rancher owns (e.g. `provider.cattle.io`, which its controllers set again):
   * the shell's Labels editor keeps them as they are and shows them only with "Show System Labels",
   * as on the shell's own cluster form (domain/system-metadata.ts).
   */
  get systemLabels() {
    return systemLabelKeys(this.metadata?.labels);
  }

  get systemAnnotations() {
    return systemAnnotationKeys(this.metadata?.annotations);
  }

  get canClone() {
    return false;
  }

  get canYaml() {
    return false;
  }

  get confirmRemove() {
    return false;
  }

  /** The detail page's title bar has no configuration drawer: YAML of a virtual type is not the object. */
  get disableResourceDetailDrawer() {
    return true;
  }

  /**
   * "Show Configuration" (detail metadata): the shell's drawer would show the YAML of a virtual
   * type; the configuration is the Edit Config form, read-only.
   */
  showConfiguration() {
    return this.goToViewConfig();
  }

  /** No Resources/Extras cards: the detail page shows what matters for a Harvester cluster. */
  get cards() {
    return [];
  }

  /** The shell's version needs the side-nav cluster helper, which this product does not start. */
  get namespaceLocation() {
    return null;
  }

  /** Our detail page (masthead, tabs) rather than the shell's provisioning-cluster page. */
  get fullDetailPageOverride() {
    return false;
  }

  get detailLocation() {
    return {
      name:   DETAIL_ROUTE_NAME,
      params: {
        cluster:   BLANK_CLUSTER,
        product:   PRODUCT_NAME,
        resource:  HARVESTER_CLUSTER_TYPE,
        namespace: this.metadata?.namespace || DEFAULT_WORKSPACE,
        id:        this.metadata?.name,
      },
    };
  }

  get listLocation() {
    return {
      name:   LIST_ROUTE_NAME,
      params: {
        cluster: BLANK_CLUSTER, product: PRODUCT_NAME, resource: HARVESTER_CLUSTER_TYPE
      }
    };
  }

  get doneOverride() {
    return this.listLocation;
  }

  /** The page's stand-in for a cluster that does not exist or is not shared (adapters/virtual-type.ts). */
  get notFound() {
    return !!this.harvesterNotFound;
  }

  /**
   * Ours (Manage, Edit Config, the guarded Delete) around what the shell's cluster model offers
   * that fits a Harvester cluster: Kubectl Shell, Download / Copy KubeConfig and Download YAML,
   * enabled as the shell decides (the cluster's links and actions); not its RKE2 day-two actions.
   */
  get _availableActions(): ShellAction[] {
    if (this.notFound) {
      return [];
    }
    const shell = super._availableActions;
    const inherited = SHELL_ACTIONS.map((action) => shell.find((a) => a.action === action)).filter((a): a is ShellAction => !!a);

    return [
      {
        action:  'goToCluster',
        label:   this.t('harvesterManager.action.manage'),
        icon:    'icon icon-external-link',
        enabled: this.canExplore,
      },
      {
        action:  'goToEdit',
        label:   this.t('harvesterManager.action.editConfig'),
        icon:    'icon icon-edit',
        enabled: this.canEdit,
      },
      { divider: true },
      ...inherited,
      ...(inherited.length ? [{ divider: true }] : []),
      {
        action:     'promptRemove',
        label:      this.t('harvesterManager.action.delete'),
        icon:       'icon icon-trash',
        bulkable:   true,
        bulkAction: 'promptRemove',
        enabled:    this.canDelete,
        weight:     -10,
      },
    ];
  }

  /**
   * The shell's menu (its `availableActions` over our `_availableActions`), memoised: the table's
   * bulk actions read every row's menu, and would otherwise work out all of them again on every
   * version answer of any row.
   */
  get availableActions(): ShellAction[] {
    return memoized(this, 'availableActions', (row) => Reflect.get(ProvCluster.prototype, 'availableActions', row) as ShellAction[]);
  }

  /** Delete and bulk delete open the delete guard, never the shell's plain prompt. */
  promptRemove(resources?: HarvesterCluster | HarvesterCluster[]): void {
    const list = resources ? ([] as HarvesterCluster[]).concat(resources) : [this];

    this.$dispatch('promptModal', {
      component:  DELETE_DIALOG,
      resources:  list,
      modalWidth: '760px',
      testId:     'harvester-delete-dialog',
    });
  }

  /** Manage: the cluster's dashboard in the Harvester UI extension. */
  async goToCluster() {
    return this.currentRouter().push({
      name:   HARVESTER_UI_ROUTE_NAME,
      params: {
        cluster: this.managementId, product: HARVESTER_UI_PRODUCT, resource: HARVESTER_UI_DASHBOARD,
      },
    });
  }

  applyDefaults() {
    if (!this.spec) {
      this['spec'] = { agentEnvVars: [] };
    }
    if (!this.spec.agentEnvVars) {
      this.spec['agentEnvVars'] = [];
    }
    this['metadata'] = { namespace: DEFAULT_WORKSPACE, ...(this.metadata || {}) };
  }
}
