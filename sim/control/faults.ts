import { errors } from '../core/api-error';

/**
 * Fault injection for tests: make a matching request fail or stall, or make the simulated
 * agent misbehave. Faults with `times` expire after that many hits.
 */
export type FaultKind = 'http' | 'websocket-drop' | 'agent-never-connects' | 'token-never-created' | 'delete-stuck';

export interface Fault {
  id: number;
  kind: FaultKind;
  method?: string;
  /** exact path, prefix glob ending in `*`, or `re:<regex>` */
  path?: string;
  status?: number;
  code?: string;
  message?: string;
  delayMs?: number;
  /** Remaining hits; undefined = until cleared. */
  times?: number;
  hits: number;
}

const KINDS: FaultKind[] = ['http', 'websocket-drop', 'agent-never-connects', 'token-never-created', 'delete-stuck'];

function pathMatches(pattern: string, path: string): boolean {
  if (pattern.startsWith('re:')) {
    return new RegExp(pattern.slice(3)).test(path);
  }
  if (pattern.endsWith('*')) {
    return path.startsWith(pattern.slice(0, -1));
  }

  return pattern === path;
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Validate and register a fault from a `POST /sim/faults` body. */
  add(spec: Record<string, unknown>): Fault {
    const kind = (spec.kind ?? 'http') as FaultKind;

    if (!KINDS.includes(kind)) {
      throw errors.invalidBody(`unknown fault kind "${ String(spec.kind) }"; expected one of ${ KINDS.join(', ') }`);
    }
    const fault: Fault = {
      id: this.nextId++, kind, hits: 0
    };

    if (kind === 'http') {
      if (typeof spec.path !== 'string' || !spec.path) {
        throw errors.missingRequired('path');
      }
      if (spec.path.startsWith('re:')) {
        try {
          new RegExp(spec.path.slice(3));
        } catch (e) {
          throw errors.invalidFormat('path', `invalid regular expression: ${ (e as Error).message }`);
        }
      }
      if (spec.status === undefined && spec.delayMs === undefined) {
        throw errors.invalidBody('an http fault needs "status" and/or "delayMs"');
      }
      if (spec.status !== undefined && (!Number.isInteger(spec.status) || (spec.status as number) < 100 || (spec.status as number) > 599)) {
        throw errors.invalidFormat('status', 'status must be an HTTP status code');
      }
      if (spec.delayMs !== undefined && (typeof spec.delayMs !== 'number' || spec.delayMs < 0)) {
        throw errors.invalidFormat('delayMs', 'delayMs must be a non-negative number');
      }
      fault.path = spec.path;
      fault.method = typeof spec.method === 'string' ? spec.method.toUpperCase() : undefined;
      fault.status = spec.status as number | undefined;
      fault.delayMs = spec.delayMs as number | undefined;
      fault.code = typeof spec.code === 'string' ? spec.code : undefined;
      fault.message = typeof spec.message === 'string' ? spec.message : undefined;
    }
    if (spec.times !== undefined) {
      if (!Number.isInteger(spec.times) || (spec.times as number) < 1) {
        throw errors.invalidFormat('times', 'times must be a positive integer');
      }
      fault.times = spec.times as number;
    }
    if (kind !== 'websocket-drop') {
      this.faults.push(fault);
    }

    return fault;
  }

  /** The first HTTP fault matching the request; consumes one hit. */
  takeHttp(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.kind === 'http' &&
      (!f.method || f.method === method.toUpperCase()) &&
      pathMatches(f.path as string, path));

    return fault ? this.consume(fault) : undefined;
  }

  /** Is a behavioural fault armed? Consumes one hit when it is. */
  take(kind: FaultKind): boolean {
    const fault = this.faults.find((f) => f.kind === kind);

    return !!fault && !!this.consume(fault);
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  private consume(fault: Fault): Fault {
    fault.hits++;
    if (fault.times !== undefined) {
      fault.times--;
      if (fault.times <= 0) {
        this.faults = this.faults.filter((f) => f !== fault);
      }
    }

    return { ...fault };
  }
}
