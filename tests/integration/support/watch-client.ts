import WebSocket from 'ws';
import type { Json, SimClient } from './sim-client';
import { waitFor } from './sim-client';

export interface WatchMessage {
  name: string;
  resourceType?: string;
  /** the object the event is about, as Steve serves it */
  data?: Json;
  [key: string]: unknown;
}

/** A `/v1/subscribe` websocket authenticated like the client it is opened for. */
export class WatchClient {
  readonly messages: WatchMessage[] = [];
  closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()));
    });
    socket.on('close', () => {
      this.closed = true;
    });
  }

  static open(client: SimClient, path = '/v1/subscribe'): Promise<WatchClient> {
    const headers: Record<string, string> = {};

    if (client.cookies.size) {
      headers.cookie = [...client.cookies].map(([k, v]) => `${ k }=${ v }`).join('; ');
    }
    if (client.bearer) {
      headers.authorization = `Bearer ${ client.bearer }`;
    }
    const socket = new WebSocket(`${ client.baseUrl.replace(/^http/, 'ws') }${ path }`, { headers });

    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WatchClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`websocket upgrade refused: ${ res.statusCode }`)));
    });
  }

  send(msg: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(msg));
  }

  /** Subscribe and wait for `resource.start` (or `resource.error`, returned). */
  async watch(resourceType: string, extra: Record<string, unknown> = {}): Promise<WatchMessage> {
    const from = this.messages.length;

    this.send({ resourceType, ...extra });

    return this.next((m) => m.resourceType === resourceType && (m.name === 'resource.start' || m.name === 'resource.error'), from);
  }

  /** The first message (after index `from`) matching `pred`. */
  next(pred: (m: WatchMessage) => boolean, from = 0, timeoutMs = 5000): Promise<WatchMessage> {
    return waitFor('websocket message', () => this.messages.slice(from).find(pred), timeoutMs, 10);
  }

  /** Messages about one object id. */
  about(id: string): WatchMessage[] {
    return this.messages.filter((m) => m.data?.id === id);
  }

  close(): void {
    this.socket.close();
  }
}
