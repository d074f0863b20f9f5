import {
  clusterDisplayName, decideClusterState, isReady, kubernetesVersion,
  type JoinedCluster,
} from '../../pkg/harvester-manager/domain';
import { listHarvesterClusters } from '../cluster-lookup';
import type { CommandContext } from '../command-context';
import { usageError } from '../errors';
import { formatAge } from '../format';
import { t } from '../messages';
import { parseOutputFormat, renderDocument, renderTable } from '../output';
import type { RancherClient } from '../rancher-client';

export interface ListFlags {
  output?: string;
  pageSize: string;
  versions?: boolean;
}

/** Harvester versions of the Active clusters, a few requests at a time. */
async function harvesterVersions(client: RancherClient, clusters: JoinedCluster[], concurrency = 4): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const queue = clusters.filter((c) => c.managementId && isReady(c));

  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async() => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const version = await client.harvesterVersion(c.managementId as string).catch(() => undefined);

      if (version) {
        versions.set(c.id, version);
      }
    }
  }));

  return versions;
}

export async function listCommand(flags: ListFlags, ctx: CommandContext): Promise<void> {
  const format = parseOutputFormat(flags.output);
  const pageSize = Number(flags.pageSize);

  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw usageError(`--page-size "${ flags.pageSize }" is not a number from 1 to 1000.`);
  }

  const client = ctx.rancher();
  const clusters = await listHarvesterClusters(client, pageSize);
  const versions = flags.versions === false ? new Map<string, string>() : await harvesterVersions(client, clusters);
  const now = ctx.io.now();
  const rows = clusters.map((c) => {
    const version = versions.get(c.id);
    const decision = decideClusterState(c, version);

    return {
      name:              clusterDisplayName(c),
      id:                c.id,
      clusterId:         c.managementId ?? null,
      state:             decision.state,
      stateLabel:        t(decision.displayKey),
      harvesterVersion:  version ?? null,
      kubernetesVersion: kubernetesVersion(c) ?? null,
      created:           c.provisioning.metadata?.creationTimestamp ?? null,
      age:               formatAge(c.provisioning.metadata?.creationTimestamp, now),
    };
  });

  if (format !== 'table') {
    ctx.io.stdout(renderDocument(format, { count: rows.length, items: rows }));

    return;
  }
  if (!rows.length) {
    ctx.io.stderr('No Harvester clusters are visible to you. Import one with: harvester-manager import <name>\n');

    return;
  }
  ctx.io.stdout(renderTable(['NAME', 'STATE', 'HARVESTER', 'KUBERNETES', 'AGE', 'ID'],
    rows.map((r) => [r.name, r.stateLabel, r.harvesterVersion || '-', r.kubernetesVersion || '-', r.age, r.id])));
}
