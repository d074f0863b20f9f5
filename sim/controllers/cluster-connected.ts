import type { SimState } from '../state';
import { summarizeClusterConditions } from '../core/cluster-summary';
import { KubeObject } from '../store/kube-object';
import { TYPES } from '../steve/type-catalog';
import { condition, setCondition } from './cluster-objects';

/** rancher `pkg/controllers/management/clusterconnected/clusterconnected.go`: `ticker.Context(ctx, 15*time.Second)`. */
export const CONNECTED_CHECK_INTERVAL_MS = 15_000;

export const DISCONNECTED_REASON = 'Disconnected';
export const DISCONNECTED_MESSAGE = 'Cluster agent is not connected';

type Conditions = Array<Record<string, string>>;

const conditionOf = (m: KubeObject, type: string): Record<string, string> | undefined => (m.status?.conditions as Conditions | undefined)?.find((c) => c.type === type);

/**
 * Rancher's cluster-connected checker, identical on release/v2.10, v2.11 and v2.12: every 15 s,
 * for every management cluster but the local one, `Connected` follows whether the cluster's
 * agent holds a tunnel session. A cluster whose agent never came is therefore `Connected=False`
 * within 15 s of its creation (no reason, no message), and only a cluster that was provisioned
 * (its agent registered once: `Provisioned=True`) also gets `Ready=False`, reason
 * `Disconnected`, "Cluster agent is not connected". The simulator also checks a cluster at once
 * when its session opens or closes, instead of waiting up to 15 s for the next tick.
 */
export class ClusterConnectedChecker {
  private sessions = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(private state: SimState) {
    state.on('reset', () => this.sessions.clear());
  }

  start(intervalMs = CONNECTED_CHECK_INTERVAL_MS): void {
    this.stop();
    this.timer = setInterval(() => this.checkAll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  hasSession(clusterId: string): boolean {
    return this.sessions.has(clusterId);
  }

  /** The agent dialled in (`stv-cluster-<id>` session). */
  openSession(clusterId: string): void {
    this.sessions.add(clusterId);
    this.check(clusterId);
  }

  /** The tunnel closed; `message` is what the simulated failure reports (default Rancher's own text). */
  closeSession(clusterId: string, message = DISCONNECTED_MESSAGE): void {
    this.sessions.delete(clusterId);
    this.check(clusterId, message);
  }

  /** A session that exists already (agents reconnect after a restart); nothing to write. */
  resumeSession(clusterId: string): void {
    this.sessions.add(clusterId);
  }

  forget(clusterId: string): void {
    this.sessions.delete(clusterId);
  }

  checkAll(): void {
    for (const mgmt of this.state.store.list(TYPES.MGMT_CLUSTER)) {
      this.check(mgmt.metadata.name);
    }
  }

  check(clusterId: string, message = DISCONNECTED_MESSAGE): void {
    const mgmt = this.state.store.get(TYPES.MGMT_CLUSTER, clusterId);

    if (!mgmt || mgmt.spec?.internal || mgmt.metadata.deletionTimestamp) {
      return;
    }
    const connected = this.hasSession(clusterId);
    const current = conditionOf(mgmt, 'Connected')?.status;
    const readyReason = conditionOf(mgmt, 'Ready')?.reason;

    // The same short-circuit as Rancher; a no-op Update (nothing changed) writes nothing either.
    if ((connected && current === 'True') || (!connected && current === 'False' && readyReason === DISCONNECTED_REASON)) {
      return;
    }
    if (!connected && current === 'False' && conditionOf(mgmt, 'Provisioned')?.status !== 'True') {
      return;
    }
    this.state.store.patch(TYPES.MGMT_CLUSTER, clusterId, (m) => {
      m.status.conditions = setCondition(m.status.conditions, condition('Connected', connected ? 'True' : 'False'));
      if (!connected && conditionOf(m, 'Provisioned')?.status === 'True') {
        m.status.conditions = setCondition(m.status.conditions, condition('Ready', 'False', message, DISCONNECTED_REASON));
      }
      m.metadata.state = summarizeClusterConditions(m.status.conditions);
    });
  }
}
