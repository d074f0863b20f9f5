import { control, SimClient } from '../../../integration/support/sim-client';

export interface SeededClusters {
  prodId: string;
  labId: string;
  /** `<clusterId>/<project display name>` → `<clusterId>:<project>` of both seeded Harvester clusters. */
  projects: Record<string, string>;
}

/** The management ids of harvester-prod and harvester-lab, and their projects, as the admin reads them. */
export async function seededClusters(simUrl: string, admin: SimClient): Promise<SeededClusters> {
  const clusters = (await control(simUrl).get('/sim/state')).body.clusters as Array<{ id: string, clusterId: string }>;
  const idOf = (name: string) => clusters.find((c) => c.id === `fleet-default/${ name }`)?.clusterId as string;
  const out: SeededClusters = {
    prodId: idOf('harvester-prod'), labId: idOf('harvester-lab'), projects: {}
  };

  for (const clusterId of [out.prodId, out.labId]) {
    for (const p of (await admin.get(`/v1/management.cattle.io.projects/${ clusterId }`)).body.data) {
      out.projects[`${ clusterId }/${ p.spec.displayName }`] = `${ clusterId }:${ p.metadata.name }`;
    }
  }

  return out;
}
