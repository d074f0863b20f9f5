/** The minimal Kubernetes object model the simulator stores (everything else is free-form). */
export interface ResourceState {
  name: string;
  error: boolean;
  transitioning: boolean;
  message: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  /** Steve-computed summary; the simulator's controllers write it directly. */
  state?: ResourceState;
  relationships?: Array<Record<string, unknown>>;
  fields?: unknown[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- objects of every kind the simulator serves; each controller reads its own fields
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- objects of every kind the simulator serves; each controller reads its own fields
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- objects of every kind the simulator serves; each controller reads its own fields
}

export function objectId(obj: { metadata: { name: string, namespace?: string } }): string {
  return obj.metadata.namespace ? `${ obj.metadata.namespace }/${ obj.metadata.name }` : obj.metadata.name;
}

export function splitId(id: string): { namespace?: string, name: string } {
  const idx = id.indexOf('/');

  return idx < 0 ? { name: id } : { namespace: id.slice(0, idx), name: id.slice(idx + 1) };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
