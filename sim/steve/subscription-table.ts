/**
 * The watches each websocket holds, keyed as rancher/apiserver keys them (`pkg/subscribe/handler.go`
 * `Subscribe.key()`, `watcher.go` `WatchSession.watch`: a subscribe whose key is already watched
 * is ignored; v0.4.2, v0.5.2 and v0.6.6, i.e. Rancher 2.10–2.12), with limits Rancher itself does not have.
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
  private sockets = new Map<object, { userId: string, subs: Map<string, Subscription> }>();
  private perUser = new Map<string, number>();

  open(socket: object, userId: string): void {
    this.sockets.set(socket, { userId, subs: new Map() });
  }

  /** Every watch of one socket (events are delivered by walking these). */
  of(socket: object): Iterable<Subscription> {
    return this.sockets.get(socket)?.subs.values() || [];
  }

  /** A socket that is not open (closed meanwhile) takes no watch. */
  add(socket: object, sub: Subscription): AddOutcome {
    const held = this.sockets.get(socket);
    const key = watchKey(sub);

    if (!held) {
      return 'socketLimit';
    }
    if (held.subs.has(key)) {
      return 'alreadyWatched';
    }
    if (held.subs.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return 'socketLimit';
    }
    if ((this.perUser.get(held.userId) || 0) >= MAX_SUBSCRIPTIONS_PER_USER) {
      return 'userLimit';
    }
    held.subs.set(key, sub);
    this.perUser.set(held.userId, (this.perUser.get(held.userId) || 0) + 1);

    return 'added';
  }

  /** Stop one watch; the stopped subscription, if the socket held it. */
  remove(socket: object, sub: Subscription): Subscription | undefined {
    const held = this.sockets.get(socket);
    const key = watchKey(sub);
    const stopped = held?.subs.get(key);

    if (held && stopped) {
      held.subs.delete(key);
      this.release(held.userId, 1);
    }

    return stopped;
  }

  /** The socket closed: its watches go, and so does their share of the user's limit. */
  close(socket: object): Subscription[] {
    const held = this.sockets.get(socket);

    if (!held) {
      return [];
    }
    this.sockets.delete(socket);
    this.release(held.userId, held.subs.size);

    return [...held.subs.values()];
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
