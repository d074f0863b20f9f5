import type { Request } from 'express';
import { timestampMillis } from '../core/time';
import type { KubeObject } from '../store/kube-object';
import type { KubeKind } from './kinds';

/**
 * `kubectl get` asks for `meta.k8s.io/v1` Tables (`Accept: application/json;as=Table;…`) and prints
 * the server's columns; these are the columns kube-apiserver prints for the kinds served
 * (k8s.io/kubernetes `pkg/printers/internalversion/printers.go`), Harvester's for settings, and a
 * CRD's `additionalPrinterColumns` for virtual machines (kubevirt `components/crds.go`) and VM
 * images (harvester-crd `harvesterhci.io_virtualmachineimages.yaml`, v1.4 columns: v1.5 adds BACKEND).
 * Name comes first; Age last unless the kind places it.
 */
type Column = [name: string, read: (o: KubeObject) => string | number, type?: 'integer'];

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP'
};

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
  Secret:    [['Type', (o) => o.type || ''], ['Data', (o) => Object.keys(o.data || {}).length, 'integer']],
  Service:   [['Type', (o) => o.spec?.type || ''], ['Cluster-IP', (o) => o.spec?.clusterIP || ''],
    ['Port(s)', (o) => (o.spec?.ports || []).map((p: { port: number, protocol?: string }) => `${ p.port }/${ p.protocol || 'TCP' }`).join(',')]],
  Deployment: [['Ready', (o) => `${ o.status?.readyReplicas || 0 }/${ o.spec?.replicas ?? 0 }`], ['Up-to-date', (o) => o.status?.updatedReplicas || 0, 'integer'],
    ['Available', (o) => o.status?.availableReplicas || 0, 'integer']],
  Setting:               [['Value', (o) => (typeof o.value === 'string' ? o.value : '')]],
  PersistentVolumeClaim: [['Status', (o) => o.status?.phase || ''], ['Volume', (o) => o.spec?.volumeName || ''],
    ['Capacity', (o) => o.status?.capacity?.storage || ''], ['Access Modes', (o) => (o.status?.accessModes || []).map((m: string) => ACCESS_MODES[m] || m).join(',')],
    ['StorageClass', (o) => o.spec?.storageClassName || ''], ['VolumeAttributesClass', (o) => o.spec?.volumeAttributesClassName || '<unset>'], ['Age', age]],
  VirtualMachine: [['Age', age], ['Status', (o) => o.status?.printableStatus || ''],
    ['Ready', (o) => (o.status?.conditions || []).find((c: { type: string }) => c.type === 'Ready')?.status || '']],
  VirtualMachineImage: [['DISPLAY-NAME', (o) => o.spec?.displayName || ''], ['SIZE', (o) => o.status?.size ?? '', 'integer'],
    ['VIRTUALSIZE', (o) => o.status?.virtualSize ?? '', 'integer'], ['AGE', age]],
};

export function wantsTable(req: Request): boolean {
  return /as=Table/.test(String(req.headers.accept || ''));
}

export function asTable(kind: KubeKind, items: KubeObject[], resourceVersion: string) {
  const own = COLUMNS[kind.kind] || [];
  const columns: Column[] = [['Name', (o) => o.metadata.name], ...own, ...(own.some(([name]) => name.toLowerCase() === 'age') ? [] : [['Age', age] as Column])];

  return {
    kind:              'Table',
    apiVersion:        'meta.k8s.io/v1',
    metadata:          { resourceVersion },
    columnDefinitions: columns.map(([name, , type], i) => ({
      name, type: type || 'string', format: i === 0 ? 'name' : '', description: '', priority: 0,
    })),
    rows: items.map((o) => ({
      cells:  columns.map(([, read]) => read(o)),
      object: {
        kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata
      },
    })),
  };
}
