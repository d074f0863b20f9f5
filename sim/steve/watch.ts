import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Request } from 'express';
import { resolveCaller } from '../http/context';
import { requestOrigin } from '../http/request-base';
import { upgradeRefusal } from '../http/websocket-origin';
import { countsFor } from '../routes/steve';
import type { SimState } from '../state';
import { KubeObject } from '../store/kube-object';
import { StoreEvent } from '../store/resource-store';
import { parseLabelSelector } from './list-query';
import { matchesAll } from './list-eval';
import { renderResource } from './render';
import { hasSchema, mayList, verbsForSchema } from './schemas';
import { Subscription, SubscriptionTable, MAX_SUBSCRIPTIONS_PER_SOCKET, MAX_SUBSCRIPTIONS_PER_USER } from './subscription-table';
import { TYPES, typeDef } from './type-catalog';

const PING_INTERVAL_MS = 30_000;
const COUNT_DEBOUNCE_MS = 500;

/** rancher/apiserver `pkg/subscribe/debouncer.go` (v0.6.x): `debounceMs` 0 or absent → 5 s. */
const DEFAULT_CHANGES_DEBOUNCE_MS = 5000;

interface Client {
  socket: WebSocket;
  userId: string;
  origin: string;
  countTimer?: NodeJS.Timeout;
}

/**
 * Steve's websocket (`/v1/subscribe`): per-connection watches, events filtered by what the
 * user may see now (an object that becomes invisible is sent as `resource.remove`), resume
 * from a `resourceVersion` or `too old`, `resource.changes` mode, counts, and pings.
 */
export class WatchHub {
  private wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private clients = new Set<Client>();
  private subscriptions = new SubscriptionTable();
  private pingTimer: NodeJS.Timeout;
  private unsubscribe: () => void;

  constructor(private state: SimState) {
    this.unsubscribe = state.store.subscribe((event) => this.onEvent(event));
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    state.on('drop-websockets', () => this.dropAll());
  }

  get connections(): number {
    return this.clients.size;
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url || '').split('?')[0];

      if (!/^(\/k8s\/clusters\/[^/]+)?\/v[13]\/subscribe$/.test(path)) {
        socket.destroy();

        return;
      }
      // The same caller resolution as HTTP requests: a revoked token or a disabled user gets no socket.
      const { token } = resolveCaller(this.state, req as Request);
      // In Rancher's order: a page on another site (websocket-origin.ts), no login, Steve's upgrader.
      const refusal = upgradeRefusal(req, { authed: !!token, steveUpgrader: !path.startsWith('/k8s/') });

      if (refusal || !token) {
        socket.end(refusal);

        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, token.userId, path.startsWith('/v1/')));
    });
  }

  private accept(socket: WebSocket, req: IncomingMessage, userId: string, steve: boolean): void {
    const client: Client = {
      socket, userId, origin: requestOrigin(req).origin
    };

    this.clients.add(client);
    this.subscriptions.open(client, userId);
    socket.on('close', () => this.forget(client));
    socket.on('error', () => this.forget(client));
    if (!steve) {
      return; // Norman and downstream sockets stay open and quiet.
    }
    // No ping on connect: apiserver's first ping comes with its 30 s ticker (pkg/subscribe/handler.go).
    socket.on('message', (raw) => this.onMessage(client, raw.toString()));
  }

  private forget(client: Client): void {
    this.subscriptions.close(client).forEach((s) => clearTimeout(s.changesTimer));
    clearTimeout(client.countTimer);
    this.clients.delete(client);
  }

  private send(client: Client, msg: Record<string, unknown>): void {
    if (client.socket.readyState === WebSocket.OPEN) {
      client.socket.send(JSON.stringify(msg));
    }
  }

  private onMessage(client: Client, raw: string): void {
    let msg: Record<string, unknown>;

    try {
      msg = JSON.parse(raw);
    } catch {
      this.send(client, { name: 'resource.error', data: { error: 'invalid message: expected JSON' } });

      return;
    }
    const resourceType = typeof msg.resourceType === 'string' ? msg.resourceType : '';
    // `mode` and `debounceMs` exist from rancher/apiserver v0.6.1 (Rancher 2.12); older releases drop them when decoding.
    const knowsModes = this.state.profile.resourceChangesMode;
    const sub: Subscription = {
      resourceType,
      namespace:  typeof msg.namespace === 'string' ? msg.namespace : undefined,
      id:         typeof msg.id === 'string' ? msg.id : undefined,
      selector:   typeof msg.selector === 'string' ? msg.selector : undefined,
      mode:       knowsModes && typeof msg.mode === 'string' ? msg.mode : undefined,
      debounceMs: knowsModes && typeof msg.debounceMs === 'number' ? Math.min(Math.max(msg.debounceMs, 0), 60_000) : undefined,
    };
    const meta = {
      resourceType, id: sub.id, namespace: sub.namespace, selector: sub.selector, mode: sub.mode
    };

    if (msg.stop) {
      clearTimeout(this.subscriptions.remove(client, sub)?.changesTimer);
      this.send(client, { name: 'resource.stop', ...meta });

      return;
    }
    const def = typeDef(resourceType);
    const access = this.state.authorizer.accessFor(client.userId);

    const verbs = def ? verbsForSchema(access, this.state.authorizer, def) : [];

    if (!def || !hasSchema(def, verbs, true)) {
      // apiserver pkg/subscribe/watcher.go: a type outside the user's schemas ends with the error, then resource.stop.
      this.send(client, {
        name: 'resource.error', ...meta, data: { error: `failed to find schema ${ resourceType }` }
      });
      this.send(client, { name: 'resource.stop', ...meta });

      return;
    }
    if (!mayList(def, verbs, true) && !verbs.some((v) => v === 'watch' || v === 'get')) {
      this.send(client, {
        name: 'resource.error', ...meta, data: { error: `watch not allowed for ${ resourceType }` }
      });

      return;
    }
    const since = Number(msg.resourceVersion);
    let replay: StoreEvent[] = [];

    if (msg.resourceVersion !== undefined && Number.isFinite(since)) {
      const events = this.state.store.eventsSince(since);

      if (!events) {
        this.send(client, {
          name: 'resource.error', ...meta, data: { error: 'too old' }
        });

        return;
      }
      replay = events.filter((e) => e.type === resourceType);
    }
    const added = this.subscriptions.add(client, sub);

    if (added === 'alreadyWatched') {
      return; // apiserver watcher.go: a key already watched is not started again (no second resource.start)
    }
    if (added === 'socketLimit' || added === 'userLimit') {
      const limit = added === 'socketLimit' ? `${ MAX_SUBSCRIPTIONS_PER_SOCKET } on one connection` : `${ MAX_SUBSCRIPTIONS_PER_USER } for one user`;

      this.send(client, {
        name: 'resource.error', ...meta, data: { error: `too many subscriptions (the simulator allows ${ limit }): stop some watches before adding more` }
      });

      return;
    }
    this.send(client, { name: 'resource.start', ...meta });
    replay.forEach((e) => this.deliver(client, sub, e));
  }

  private onEvent(event: StoreEvent): void {
    for (const client of this.clients) {
      let countsWatched = false;

      for (const sub of this.subscriptions.of(client)) {
        if (sub.resourceType === event.type) {
          this.deliver(client, sub, event);
        }
        countsWatched = countsWatched || sub.resourceType === TYPES.COUNT;
      }
      if (countsWatched) {
        this.scheduleCounts(client);
      }
    }
  }

  private matches(sub: Subscription, obj: KubeObject): boolean {
    if (sub.namespace && obj.metadata.namespace !== sub.namespace) {
      return false;
    }
    if (sub.id) {
      const id = obj.metadata.namespace ? `${ obj.metadata.namespace }/${ obj.metadata.name }` : obj.metadata.name;

      if (id !== sub.id) {
        return false;
      }
    }
    if (sub.selector) {
      try {
        return matchesAll(obj, parseLabelSelector(sub.selector).map((f) => [f]));
      } catch {
        return false;
      }
    }

    return true;
  }

  private deliver(client: Client, sub: Subscription, event: StoreEvent): void {
    const { authorizer } = this.state;
    const access = authorizer.accessFor(client.userId);
    const visibleNow = event.kind !== 'remove' && authorizer.canSee(access, event.type, event.obj) && this.matches(sub, event.obj);
    const visibleBefore = event.kind === 'remove' ? authorizer.canSee(access, event.type, event.obj) && this.matches(sub, event.obj) : !!event.previous && authorizer.canSee(access, event.type, event.previous) && this.matches(sub, event.previous);

    if (!visibleNow && !visibleBefore) {
      return;
    }
    if (sub.mode === 'resource.changes') {
      this.notifyChanges(client, sub);

      return;
    }
    let name: string;

    if (!visibleNow) {
      name = 'resource.remove';
    } else if (!visibleBefore || event.kind === 'create') {
      name = 'resource.create';
    } else {
      name = 'resource.change';
    }
    // Steve puts the event's resourceVersion beside the object (apiserver APIEvent.Revision): the
    // shell keeps the highest one per type and resumes from it when it re-watches after a reconnect.
    this.send(client, {
      name, resourceType: event.type, revision: `${ event.revision }`, data: renderResource(client.origin, event.type, event.obj, access, authorizer),
    });
  }

  /**
   * resource.changes (apiserver v0.6 debouncer): the first change after a quiet spell goes out at
   * once; later ones open a window of `debounceMs` (not extended by further changes) and produce
   * one notice at its end.
   */
  private notifyChanges(client: Client, sub: Subscription): void {
    const sendNotice = () => this.send(client, {
      name: 'resource.changes', resourceType: sub.resourceType, mode: sub.mode, data: { type: sub.resourceType, revision: `${ this.state.store.revision }` },
    });
    const window = () => {
      sub.changesTimer = setTimeout(() => {
        if (sub.changesPending) {
          sub.changesPending = false;
          sendNotice();
          window();
        } else {
          sub.changesTimer = undefined;
        }
      }, sub.debounceMs || DEFAULT_CHANGES_DEBOUNCE_MS);
    };

    if (sub.changesTimer) {
      sub.changesPending = true;

      return;
    }
    sendNotice();
    window();
  }

  private scheduleCounts(client: Client): void {
    if (client.countTimer) {
      return;
    }
    client.countTimer = setTimeout(() => {
      client.countTimer = undefined;
      const access = this.state.authorizer.accessFor(client.userId);

      this.send(client, {
        name: 'resource.change', resourceType: TYPES.COUNT, data: countsFor(this.state, access, client.origin)
      });
    }, COUNT_DEBOUNCE_MS);
  }

  private ping(): void {
    for (const client of this.clients) {
      this.send(client, { name: 'ping', data: { version: this.state.config.rancherVersion } });
    }
  }

  /** Fault injection: every socket drops at once, as when a load balancer restarts. */
  dropAll(): void {
    for (const client of this.clients) {
      client.socket.terminate();
      this.forget(client);
    }
  }

  close(): void {
    clearInterval(this.pingTimer);
    this.unsubscribe();
    this.dropAll();
    this.wss.close();
  }
}
