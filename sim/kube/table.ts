import type { Request } from 'express';
import { timestampMillis } from '../core/time';
import type { KubeObject } from '../store/kube-object';
import type { KubeKind } from './kinds';

/**
 * `kubectl get` asks for `meta.k8s.io/v1` Tables (`Accept: application/json;as=Table;…`) and prints
 * the server's columns; these are the columns kube-apiserver prints for the kinds served
 * (k8s.io/kubernetes `pkg/printers/internalversion/printers.go`), Harvester's for settings.
 */
type Column = [name: string, read: (o: KubeObject) => string | number];

function age(o: KubeObject): string {
  const seconds = Math.max(0, Math.floor((Date.now() - timestampMillis(o.metadata.creationTimestamp)) / 1000));

  if (seconds < 120) {
    return `${ seconds }s`;
  }
  if (seconds < 7200) {
    return `${ Math.floor(seconds / 60) }m`;
  }

  return seconds < 172800 ? `${ Math.floor(seconds / 3600) }h` : `${ Math.floor(seconds / 86400) }d`;
}

const COLUMNS: Record<string, Column[]> = {
  Namespace: [['Status', (o) => o.status?.phase || '']],
  Secret:    [['Type', (o) => o.type || ''], ['Data', (o) => Object.keys(o.data || {}).length]],
  Service:   [['Type', (o) => o.spec?.type || ''], ['Cluster-IP', (o) => o.spec?.clusterIP || ''],
    ['Port(s)', (o) => (o.spec?.ports || []).map((p: { port: number, protocol?: string }) => `${ p.port }/${ p.protocol || 'TCP' }`).join(',')]],
  Deployment: [['Ready', (o) => `${ o.status?.readyReplicas || 0 }/${ o.spec?.replicas ?? 0 }`], ['Up-to-date', (o) => o.status?.updatedReplicas || 0],
    ['Available', (o) => o.status?.availableReplicas || 0]],
  Setting: [['Value', (o) => (typeof o.value === 'string' ? o.value : '')]],
};

export function wantsTable(req: Request): boolean {
  return /as=Table/.test(String(req.headers.accept || ''));
}

export function asTable(kind: KubeKind, items: KubeObject[], resourceVersion: string) {
  const columns: Column[] = [['Name', (o) => o.metadata.name], ...(COLUMNS[kind.kind] || []), ['Age', age]];

  return {
    kind:              'Table',
    apiVersion:        'meta.k8s.io/v1',
    metadata:          { resourceVersion },
    columnDefinitions: columns.map(([name], i) => ({
      name, type: name === 'Data' || name === 'Up-to-date' || name === 'Available' ? 'integer' : 'string', format: i === 0 ? 'name' : '', description: '', priority: 0,
    })),
    rows: items.map((o) => ({
      cells:  columns.map(([, read]) => read(o)),
      object: {
        kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata
      },
    })),
  };
}
