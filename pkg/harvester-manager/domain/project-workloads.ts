import type { SteveResource } from './types';

// What lives in each project on the Harvester cluster itself: virtual machines, VM images and
// volumes, counted from the cluster's Steve `counts` (one object for every type the user may list,
// with a count per namespace: steve pkg/resources/counts/counts.go) and mapped to projects through
// the namespaces' `field.cattle.io/projectId` annotation `<cluster>:<project>`, which Rancher sets
// on every namespace of a project (rancher pkg/controllers/managementuser/... namespace handler,
// and the `field.cattle.io/projectId` label with the project name alone).

/** Harvester's workload types as its Steve names them. */
export const WORKLOAD_TYPES = {
  virtualMachines: 'kubevirt.io.virtualmachine',
  images:          'harvesterhci.io.virtualmachineimage',
  volumes:         'persistentvolumeclaim',
} as const;

export type WorkloadKind = keyof typeof WORKLOAD_TYPES;

/** Per kind, how many the user may see; a kind the user may not list (absent from counts) is absent. */
export type WorkloadCounts = Partial<Record<WorkloadKind, number>>;

const PROJECT_ID = 'field.cattle.io/projectId';

interface TypeCount {
  summary?: { count?: number };
  namespaces?: Record<string, { count?: number }>;
}

/** Steve's count object (`/v1/counts` answers a collection of one). */
export interface SteveCounts {
  counts?: Record<string, TypeCount>;
}

/** `<cluster>:<project>` of a namespace, or undefined when it is in no project. */
export function namespaceProject(namespace: SteveResource, managementId: string): string | undefined {
  const annotation = namespace.metadata?.annotations?.[PROJECT_ID];

  if (annotation?.includes(':')) {
    return annotation;
  }
  const label = namespace.metadata?.labels?.[PROJECT_ID];

  return label ? `${ managementId }:${ label }` : undefined;
}

export interface ProjectWorkloads {
  /** The kinds this user may count on the cluster (Steve leaves out types they may not list). */
  kinds: WorkloadKind[];
  /** Per `<cluster>:<project>`, per kind; a project with none of a counted kind has 0. */
  of(projectId: string): WorkloadCounts;
}

/** Each project's workloads; namespaces in no project count for none. */
export function projectWorkloads(counts: SteveCounts | undefined, namespaces: readonly SteveResource[], managementId: string): ProjectWorkloads {
  const projectOf = new Map(namespaces.map((ns) => [ns.metadata?.name || '', namespaceProject(ns, managementId)]));
  const kinds = (Object.keys(WORKLOAD_TYPES) as WorkloadKind[]).filter((kind) => counts?.counts?.[WORKLOAD_TYPES[kind]]);
  const totals = new Map<string, WorkloadCounts>();

  for (const kind of kinds) {
    for (const [ns, { count = 0 }] of Object.entries(counts?.counts?.[WORKLOAD_TYPES[kind]]?.namespaces || {})) {
      const project = projectOf.get(ns);

      if (project) {
        const total = totals.get(project) || {};

        totals.set(project, { ...total, [kind]: (total[kind] || 0) + count });
      }
    }
  }

  return {
    kinds,
    of: (projectId) => Object.fromEntries(kinds.map((kind) => [kind, totals.get(projectId)?.[kind] || 0])),
  };
}
