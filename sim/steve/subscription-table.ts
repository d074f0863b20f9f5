/**
 * The watches each websocket holds, keyed as rancher/apiserver keys them (`pkg/subscribe/handler.go`
 * `Subscribe.key()`, `watcher.go` `WatchSession.watchers`: a subscribe whose key is already watched
 * is ignored), with limits Rancher itself does not have.
 *
 * Why limits: apiserver keeps one goroutine and one Kubernetes watch per key with no cap, and a
 * real Rancher is shielded by the Kubernetes API server's flow control; the simulator is one
 * Node.js thread, and 20,000 subscriptions on one socket stalled every request. The dashboard
 * holds a few dozen per socket (one per watched type, a few per-object watches), so the limits sit
 * far above what a browser uses.
 */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 1000;
export const MAX_SUBSCRIPTIONS_PER_USER = 4000;

export interface Subscription {
  resourceType: string;
  namespace?: string;
  id?: string;
  selector?: string;
  mode?: string;
  debounceMs?: number;
  changesTimer?: NodeJS.Timeout;
  /** resource.changes: a change arrived while the debounce window was open. */
  changesPending?: boolean;
}

/**
 * apiserver's key is type/namespace/id/selector/mode/debounceMs; `debounceMs` is left out here
 * because the shell's unwatch (`plugins/steve/subscribe.js`) sends the mode but not the debounce,
 * and the simulator stops the watch the dashboard means to stop.
 */
export function watchKey(sub: Subscription): string {
  return [sub.resourceType, sub.namespace || '', sub.id || '', sub.selector || '', sub.mode || ''].join('/');
}

export type AddOutcome = 'added' | 'alreadyWatched' | 'socketLimit' | 'userLimit';

export class SubscriptionTable {
  private bySocket = new Map<object, Map<string, Subscription>>();
  private perUser = new Map<string, number>();
  private users = new Map<object, string>();

  open(socket: object, userId: string): void {
    this.bySocket.set(socket, new Map());
    this.users.set(socket, userId);
  }

  /** Every watch of one socket (events are delivered by walking these). */
  of(socket: object): Iterable<Subscription> {
    return this.bySocket.get(socket)?.values() || [];
  }

  add(socket: object, sub: Subscription): AddOutcome {
    const subs = this.bySocket.get(socket);
    const userId = this.users.get(socket) || '';

    if (!subs) {
      return 'socketLimit';
    }
    if (subs.has(watchKey(sub))) {
      return 'alreadyWatched';
    }
    if (subs.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return 'socketLimit';
    }
    if ((this.perUser.get(userId) || 0) >= MAX_SUBSCRIPTIONS_PER_USER) {
      return 'userLimit';
    }
    subs.set(watchKey(sub), sub);
    this.perUser.set(userId, (this.perUser.get(userId) || 0) + 1);

    return 'added';
  }

  /** Stop one watch; the stopped subscription, if the socket held it. */
  remove(socket: object, sub: Subscription): Subscription | undefined {
    const subs = this.bySocket.get(socket);
    const key = watchKey(sub);
    const held = subs?.get(key);

    if (held) {
      subs?.delete(key);
      this.release(this.users.get(socket) || '', 1);
    }

    return held;
  }

  /** The socket closed: its watches go, and so does their share of the user's limit. */
  close(socket: object): Subscription[] {
    const subs = [...(this.bySocket.get(socket)?.values() || [])];

    this.release(this.users.get(socket) || '', subs.length);
    this.bySocket.delete(socket);
    this.users.delete(socket);

    return subs;
  }

  private release(userId: string, count: number): void {
    const left = (this.perUser.get(userId) || 0) - count;

    if (left > 0) {
      this.perUser.set(userId, left);
    } else {
      this.perUser.delete(userId);
    }
  }
}
