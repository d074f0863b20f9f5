import {
  credentialClusterId, deleteRequests, isConfirmationValid, planDelete,
  type CloudCredential, type DeletePlanContext, type JoinedCluster, type ProvisioningCluster,
} from '../../pkg/harvester-manager/domain';
import { findCluster } from '../cluster-lookup';
import type { CommandContext } from '../command-context';
import { deletePlanDocument, renderDeletePlan } from '../delete-plan-view';
import { failure, forbidden } from '../errors';
import { parseDuration } from '../format';
import { t } from '../messages';
import { parseOutputFormat, renderDocument } from '../output';
import type { RancherClient } from '../rancher-client';
import { waitForGone } from '../wait';

export interface DeleteFlags {
  yes?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  ignoreNotFound?: boolean;
  timeout: string;
  interval: string;
  output?: string;
}

/** Tokens and dependants, each read if this user may (unknown otherwise, never an error). */
async function planContext(client: RancherClient, cluster: JoinedCluster): Promise<DeletePlanContext> {
  const id = cluster.managementId;
  const tokens = id ? await client.registrationTokens(id).catch(() => null) : null;
  const credentials = await client.getOptional<{ data?: CloudCredential[] }>('/v3/cloudcredentials').then((b) => b?.data ?? null).catch(() => null);
  let guestClusters: ProvisioningCluster[] | null = null;

  if (credentials) {
    guestClusters = credentials.some((c) => credentialClusterId(c) === id) ? await client.listProvisioningClusters({}).then((r) => r.items).catch(() => null) : [];
  }

  return {
    tokens, cloudCredentials: credentials, guestClusters
  };
}

function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '');
}

export async function deleteCommand(name: string, flags: DeleteFlags, ctx: CommandContext): Promise<void> {
  const format = parseOutputFormat(flags.output);
  const timing = { timeoutMs: parseDuration(flags.timeout, '--timeout'), intervalMs: parseDuration(flags.interval, '--interval') };
  const client = ctx.rancher();
  const match = await findCluster(client, name);

  if (!match) {
    if (flags.ignoreNotFound) {
      ctx.progress(`No cluster named "${ name }" is visible to you; nothing to delete.`);
      if (format !== 'table') {
        ctx.io.stdout(renderDocument(format, {
          name, dryRun: !!flags.dryRun, deleted: false, notFound: true, plan: null
        }));
      }

      return;
    }
    throw failure(`No cluster named "${ name }" is visible to you in Rancher.`, 'Check the name with: harvester-manager list (or pass --ignore-not-found in scripts).');
  }
  if (!match.harvester) {
    throw failure(`"${ name }" (${ match.cluster.id }) is not a Harvester cluster; this tool deletes only Harvester clusters.`, 'Remove other clusters in Rancher\'s Cluster Management.');
  }

  const { cluster } = match;
  const plan = planDelete([cluster], await planContext(client, cluster));
  const blocked = plan.clusters[0].blocked;
  const { requests, skipped } = deleteRequests([cluster]);
  const document = (deleted: boolean) => ({
    name, id: cluster.id, clusterId: cluster.managementId ?? null, dryRun: !!flags.dryRun, deleted, requests, plan: deletePlanDocument(plan),
  });
  const alreadyRemoving = blocked?.key.endsWith('.alreadyRemoving');

  if (format === 'table') {
    ctx.io.stdout(renderDeletePlan(plan));
  }
  if (blocked && !alreadyRemoving) {
    throw forbidden(`${ t(blocked) } Rancher does not offer you the delete action on ${ cluster.id }${ flags.dryRun ? ' (dry run: nothing was sent)' : '; nothing was sent' }.`,
      'Ask a Rancher administrator or the cluster owner to delete it, or for the cluster owner role.');
  }
  const unsafe = skipped.find((sk) => sk.reason === 'unsafeUrl');

  if (unsafe) {
    throw failure(`Rancher's delete link for ${ unsafe.id } (${ cluster.provisioning.links?.remove }) is not the provisioning cluster's API URL; refusing to send it${ flags.dryRun ? ' (dry run)' : '' }.`,
      'This Rancher answers in an unexpected way; delete the cluster in the Rancher UI (Virtualization Management) and report this.');
  }
  if (flags.dryRun) {
    if (format === 'table') {
      ctx.io.stdout(`Dry run: nothing was deleted. A real run would send: ${ requests.map((r) => `${ r.method } ${ pathOf(r.url) }`).join(', ') || 'nothing (already being removed)' }\n`);
    } else {
      ctx.io.stdout(renderDocument(format, document(false)));
    }

    return;
  }
  if (!flags.yes && !alreadyRemoving) {
    ctx.io.stderr(`${ t(plan.confirmation.prompt) } `);
    const typed = await ctx.io.readLine();

    if (!ctx.io.interactive) {
      ctx.io.stderr('\n');
    }

    if (typed === null) {
      throw failure('No confirmation was typed (input ended); nothing was deleted.', 'Type the cluster name when asked, or pass --yes in scripts.');
    }
    if (!isConfirmationValid(plan.confirmation, typed)) {
      throw failure(`"${ typed }" does not match "${ plan.confirmation.expected }"; nothing was deleted.`, 'Type the name exactly as shown, or pass --yes in scripts.');
    }
  }

  for (const request of requests) {
    await client.delete(pathOf(request.url), `delete ${ request.id }`);
    ctx.progress(`Asked Rancher to delete ${ request.id }.`);
  }
  if (alreadyRemoving) {
    ctx.progress(`${ t(blocked!) } Waiting for it to finish.`);
  }
  if (flags.wait !== false) {
    await waitForGone(client, cluster, ctx.io, timing);
    ctx.progress(`Harvester cluster "${ name }" is gone from Rancher.`);
  }
  if (format === 'table') {
    ctx.io.stdout(flags.wait !== false ? `Deleted Harvester cluster "${ name }" (${ cluster.id }).\n` : `Deleting Harvester cluster "${ name }" (${ cluster.id }); not waiting (--no-wait).\n`);
  } else {
    ctx.io.stdout(renderDocument(format, document(true)));
  }
}
