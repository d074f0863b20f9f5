import {
  AGE_COLUMN, NAME_COLUMN, TypeDef, TYPE_DEFS, TYPES
} from './type-catalog';

export const HCI_SETTING = 'harvesterhci.io.setting';
export const VIRTUAL_MACHINE = 'kubevirt.io.virtualmachine';
export const VM_IMAGE = 'harvesterhci.io.virtualmachineimage';
export const PVC = 'persistentvolumeclaim';

/**
 * The types a downstream Harvester cluster serves through Rancher's cluster proxy
 * (`/k8s/clusters/<id>/v1`), as far as the simulator models them. Steve names a type
 * `<group>.<kind, lower case>` (the core group has none). Group, version, kind, resource and scope
 * as Harvester serves them:
 * - `kubevirt.io/v1` VirtualMachine, `virtualmachines`, namespaced: kubevirt/kubevirt
 *   `pkg/virt-operator/resource/generate/components/crds.go` (`NewVirtualMachineCrd`, `v1` the
 *   storage version; KubeVirt v1.3.0 in Harvester v1.4, v1.4.0 in v1.5);
 * - `harvesterhci.io/v1beta1` VirtualMachineImage, `virtualmachineimages`, namespaced:
 *   harvester/harvester `deploy/charts/harvester-crd/templates/harvesterhci.io_virtualmachineimages.yaml`;
 * - core `v1` PersistentVolumeClaim, `persistentvolumeclaims`, namespaced: a Harvester volume is a PVC.
 * Columns are an outline (name, one status field, age), not the CRDs' printer columns.
 */
export const DOWNSTREAM_TYPE_DEFS: readonly TypeDef[] = [
  ...TYPE_DEFS.filter((d) => d.id === TYPES.NAMESPACE),
  {
    id:         HCI_SETTING,
    group:      'harvesterhci.io',
    version:    'v1beta1',
    kind:       'Setting',
    resource:   'settings',
    namespaced: false,
    columns:    [NAME_COLUMN, {
      name: 'Value', field: '$.value', type: 'string'
    }],
  },
  {
    id:         VIRTUAL_MACHINE,
    group:      'kubevirt.io',
    version:    'v1',
    kind:       'VirtualMachine',
    resource:   'virtualmachines',
    namespaced: true,
    columns:    [NAME_COLUMN, AGE_COLUMN, {
      name: 'Status', field: '$.status.printableStatus', type: 'string'
    }],
  },
  {
    id:         VM_IMAGE,
    group:      'harvesterhci.io',
    version:    'v1beta1',
    kind:       'VirtualMachineImage',
    resource:   'virtualmachineimages',
    namespaced: true,
    columns:    [NAME_COLUMN, {
      name: 'Display Name', field: '$.spec.displayName', type: 'string'
    }, AGE_COLUMN],
  },
  {
    id:         PVC,
    group:      '',
    version:    'v1',
    kind:       'PersistentVolumeClaim',
    resource:   'persistentvolumeclaims',
    namespaced: true,
    columns:    [NAME_COLUMN, {
      name: 'Status', field: '$.status.phase', type: 'string'
    }, AGE_COLUMN],
  },
];

/** A downstream type by its Steve id or its URL form (`kubevirt.io.virtualmachines`, `namespaces`). */
export function downstreamType(segment: string): TypeDef | undefined {
  const lower = segment.toLowerCase();

  return DOWNSTREAM_TYPE_DEFS.find((t) => lower === t.id || lower === (t.group ? `${ t.group }.${ t.resource }` : t.resource));
}
