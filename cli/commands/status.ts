import { requireHarvesterCluster } from '../cluster-lookup';
import { takeSnapshot, type ClusterSnapshot } from '../cluster-status';
import { renderSnapshot, snapshotDocument } from '../cluster-view';
import type { CommandContext } from '../command-context';
import { CliError, failure, isCliError } from '../errors';
import { parseDuration } from '../format';
import { parseOutputFormat, renderDocument } from '../output';
import { waitForActive } from '../wait';

export interface StatusFlags {
  output?: string;
  wait?: boolean;
  timeout: string;
  interval: string;
}

export async function statusCommand(name: string, flags: StatusFlags, ctx: CommandContext): Promise<void> {
  const format = parseOutputFormat(flags.output);
  const timing = { timeoutMs: parseDuration(flags.timeout, '--timeout'), intervalMs: parseDuration(flags.interval, '--interval') };
  const client = ctx.rancher();
  const { cluster } = await requireHarvesterCluster(client, name);
  const serverUrl = await client.serverUrlSetting();
  let snapshot: ClusterSnapshot | undefined;
  let failed: CliError | undefined;

  if (flags.wait) {
    try {
      snapshot = await waitForActive(client, cluster, ctx.io, { ...timing, serverUrl });
    } catch (e) {
      if (!isCliError(e)) {
        throw e;
      }
      failed = e;
    }
  }
  snapshot = snapshot || await takeSnapshot(client, cluster, { now: ctx.io.now(), serverUrl });
  if (!snapshot) {
    throw failed || failure(`Cluster ${ cluster.id } disappeared while reading it (it was being deleted).`);
  }

  const url = snapshot.token?.manifestUrl;

  ctx.io.stdout(format === 'table' ? renderSnapshot(snapshot, url) : renderDocument(format, snapshotDocument(snapshot, url)));
  if (failed) {
    throw failed;
  }
}
