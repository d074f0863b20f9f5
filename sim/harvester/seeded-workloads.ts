import { namespaceProjectKey, PROJECT_ID, withProjectMarks } from '../controllers/namespace-projects';
import type { SimState } from '../state';
import type { KubeObject } from '../store/kube-object';
import { HarvesterKube } from './harvester-kube';

/**
 * What the seeded Harvester clusters run, so the product can count virtual machines, images and
 * volumes per project: fixed names, the same on every start. Per cluster, `default` (in the Default
 * project, as Rancher files it), a second namespace filed into the Default project (as the
 * dashboard creates a namespace in a project: with the `field.cattle.io/projectId` annotation, the
 * label following it), and `sandbox`, in no project.
 */
interface NamespacePlan {
  name: string;
  /** The project the namespace is filed into (none: in no project). */
  project?: 'Default';
  images: Array<{ name: string, displayName: string, url: string }>;
  vms: Array<{ name: string, image: string, cpu: number, memory: string }>;
  /** Extra data volumes (each VM also gets its root disk `<vm>-disk-0`). */
  dataVolumes: string[];
}

const UBUNTU = { displayName: 'ubuntu-22.04-server-cloudimg-amd64.img', url: 'https://cloud-images.ubuntu.com/releases/22.04/release/ubuntu-22.04-server-cloudimg-amd64.img' };
const OPENSUSE = { displayName: 'openSUSE-Leap-15.6.x86_64-NoCloud.qcow2', url: 'https://download.opensuse.org/repositories/Cloud:/Images:/Leap_15.6/images/openSUSE-Leap-15.6.x86_64-NoCloud.qcow2' };

export const SEEDED_WORKLOADS: Record<string, NamespacePlan[]> = {
  'harvester-prod': [
    {
      name:    'default',
      project: 'Default',
      images:  [{ name: 'image-ubuntu-2204', ...UBUNTU }],
      vms:     [
        {
          name: 'web-01', image: 'image-ubuntu-2204', cpu: 2, memory: '4Gi'
        },
        {
          name: 'web-02', image: 'image-ubuntu-2204', cpu: 2, memory: '4Gi'
        },
      ],
      dataVolumes: ['web-shared-data'],
    },
    {
      name:    'prod-db',
      project: 'Default',
      images:  [{ name: 'image-leap-156', ...OPENSUSE }],
      vms:     [{
        name: 'db-01', image: 'image-leap-156', cpu: 4, memory: '16Gi'
      }],
      dataVolumes: ['db-01-data'],
    },
    {
      name:   'sandbox',
      images: [],
      vms:    [{
        name: 'scratch-01', image: 'default/image-ubuntu-2204', cpu: 1, memory: '2Gi'
      }],
      dataVolumes: [],
    },
  ],
  'harvester-lab': [
    {
      name:    'default',
      project: 'Default',
      images:  [{ name: 'image-leap-156', ...OPENSUSE }],
      vms:     [
        {
          name: 'lab-01', image: 'image-leap-156', cpu: 2, memory: '4Gi'
        },
        {
          name: 'lab-02', image: 'image-leap-156', cpu: 2, memory: '8Gi'
        },
      ],
      dataVolumes: ['lab-scratch'],
    },
    {
      name:    'lab-ci',
      project: 'Default',
      images:  [],
      vms:     [
        {
          name: 'ci-runner-01', image: 'default/image-leap-156', cpu: 4, memory: '8Gi'
        },
        {
          name: 'ci-runner-02', image: 'default/image-leap-156', cpu: 4, memory: '8Gi'
        },
      ],
      dataVolumes: [],
    },
    {
      name:   'sandbox',
      images: [],
      vms:    [{
        name: 'try-01', image: 'default/image-leap-156', cpu: 1, memory: '2Gi'
      }],
      dataVolumes: [],
    },
  ],
};

/** An image as Harvester's image controller leaves it once downloaded (pkg/apis/harvesterhci.io/v1beta1/image.go). */
function image(namespace: string, img: NamespacePlan['images'][number]): KubeObject {
  return {
    apiVersion: 'harvesterhci.io/v1beta1',
    kind:       'VirtualMachineImage',
    metadata:   { name: img.name, namespace },
    spec:       {
      displayName: img.displayName, sourceType: 'download', url: img.url, retry: 3
    },
    status: {
      appliedUrl:       img.url,
      progress:         100,
      size:             663_000_000,
      virtualSize:      2_361_393_152,
      storageClassName: `longhorn-${ img.name }`,
      failed:           0,
      conditions:       [{ type: 'Initialized', status: 'True' }, { type: 'Imported', status: 'True' }],
    },
  };
}

/** A Longhorn-backed volume; a root disk names its image (annotation `harvesterhci.io/imageId`). */
function volume(namespace: string, name: string, size: string, imageId?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind:       'PersistentVolumeClaim',
    metadata:   {
      name, namespace, ...(imageId ? { annotations: { 'harvesterhci.io/imageId': imageId } } : {})
    },
    spec: {
      accessModes:      ['ReadWriteMany'],
      volumeMode:       'Block',
      resources:        { requests: { storage: size } },
      storageClassName: imageId ? `longhorn-${ imageId.split('/')[1] }` : 'harvester-longhorn',
    },
    status: {
      phase: 'Bound', accessModes: ['ReadWriteMany'], capacity: { storage: size }
    },
  };
}

/** A running VM booting from its root disk (kubevirt.io/api core/v1 VirtualMachine). */
function virtualMachine(namespace: string, vm: NamespacePlan['vms'][number]): KubeObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind:       'VirtualMachine',
    metadata:   {
      name: vm.name, namespace, labels: { 'harvesterhci.io/creator': 'harvester' }
    },
    spec: {
      runStrategy: 'RerunOnFailure',
      template:    {
        metadata: { labels: { 'harvesterhci.io/vmName': vm.name } },
        spec:     {
          domain: {
            cpu: {
              cores: vm.cpu, sockets: 1, threads: 1
            },
            resources: { limits: { cpu: String(vm.cpu), memory: vm.memory } },
            devices:   {
              disks: [{
                name: 'disk-0', bootOrder: 1, disk: { bus: 'virtio' }
              }]
            },
          },
          volumes: [{ name: 'disk-0', persistentVolumeClaim: { claimName: `${ vm.name }-disk-0` } }],
        },
      },
    },
    status: {
      created: true, ready: true, printableStatus: 'Running', conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** The objects of one namespace plan, the namespace first. */
export function plannedObjects(plan: NamespacePlan, projectKey: string | undefined): KubeObject[] {
  const ns = plan.name;

  return [
    withProjectMarks({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }
    }, projectKey),
    ...plan.images.map((img) => image(ns, img)),
    ...plan.vms.flatMap((vm) => [volume(ns, `${ vm.name }-disk-0`, '40Gi', vm.image.includes('/') ? vm.image : `${ ns }/${ vm.image }`), virtualMachine(ns, vm)]),
    ...plan.dataVolumes.map((name) => volume(ns, name, '100Gi')),
  ];
}

/**
 * Seed the workloads of a seeded Harvester (`SEEDED_WORKLOADS[name]`) into the Kubernetes objects
 * of the Harvester registered as the cluster of `defaultProject` (`<clusterId>:<its Default project>`).
 */
export function seedWorkloads(state: SimState, harvesterName: string, defaultProject: string): void {
  const kube = new HarvesterKube(state);
  const clusterId = defaultProject.split(':')[0];
  const harvester = state.fleet.byClusterId(clusterId);

  if (!harvester) {
    return;
  }
  // The installation's namespaces as Rancher's project handler left them when it made the
  // Default and System projects (assignNamespacesToProject), the label following the annotation.
  const filed = Object.values(kube.objectsOf(harvester))
    .filter((o) => o.kind === 'Namespace')
    .map((ns) => withProjectMarks({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.metadata.name }
    }, namespaceProjectKey(state.store, clusterId, ns)))
    .filter((ns) => ns.metadata.annotations?.[PROJECT_ID]);

  kube.seed(harvester, [...filed, ...(SEEDED_WORKLOADS[harvesterName] || []).flatMap((plan) => plannedObjects(plan, plan.project ? defaultProject : undefined))]);
}
