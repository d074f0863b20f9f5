import {
  canImport, chooseRegistrationSetting, decideClusterState, DEFAULT_PROVISIONING_TIMEOUT_MS, existingClusterNames, HARVESTER_PROVIDER,
  HARVESTER_REGISTRATION_SETTING, importHarvesterCluster, isReady, normanClusterCreateBody, PROVIDER_LABEL, schemaLookup, validateClusterName,
  type ClusterConfigInput, type JoinedCluster, type ProvisioningCluster, type RegistrationArtefacts,
} from '../../pkg/harvester-manager/domain';
import type { RancherClient } from '../rancher-client';
import { pickCluster, findRelatedObjects, type ClusterMatch } from '../cluster-lookup';
import { snapshotDocument } from '../cluster-view';
import type { CommandContext, Timing } from '../command-context';
import {
  CliError, EXIT, failure, forbidden, isCliError, usageError
} from '../errors';
import { parseDuration, parseLabels } from '../format';
import { applyToHarvester, harvesterPreflight, otherRegistration, type HarvesterStep } from '../harvester-registration';
import { t } from '../messages';
import { parseOutputFormat, renderDocument, type OutputFormat } from '../output';
import { ensureRegistrationToken, QUICK_POLL_MS, requireArtefacts, waitForProvisioningCluster } from '../registration';
import { registrationDocument, renderRegistration } from '../registration-view';
import { pollUntil, waitForActive } from '../wait';
import type { ClusterSnapshot } from '../cluster-status';

export interface ImportFlags {
  description?: string;
  label?: string[];
  harvesterKubeconfig?: string;
  harvesterContext?: string;
  registrationInsecure?: boolean;
  replaceRegistrationUrl?: boolean;
  wait?: boolean;
  timeout: string;
  interval: string;
  dryRun?: boolean;
  output?: string;
}

interface Plan {
  name: string;
  description: string;
  labels: Record<string, string>;
  format: OutputFormat;
  timing: Timing;
}

function planFrom(name: string, flags: ImportFlags): Plan {
  const format = parseOutputFormat(flags.output);
  const labels = parseLabels(flags.label || []);

  if (labels[PROVIDER_LABEL] !== undefined && labels[PROVIDER_LABEL] !== HARVESTER_PROVIDER) {
    throw usageError(`--label ${ PROVIDER_LABEL }=${ labels[PROVIDER_LABEL] } contradicts the import: Harvester clusters carry ${ PROVIDER_LABEL }=${ HARVESTER_PROVIDER }.`, `Drop that --label; the CLI sets it.`);
  }

  const problems = validateClusterName(name).filter((m) => !m.key.endsWith('.reserved'));

  if (problems.length) {
    throw usageError(`"${ name }" cannot be a cluster name.`, 'Use lowercase letters, digits and "-" (at most 63), starting and ending with a letter or digit.', problems.map((m) => t(m)));
  }
  if (flags.replaceRegistrationUrl && !flags.harvesterKubeconfig) {
    throw usageError('--replace-registration-url needs --harvester-kubeconfig.');
  }
  if (flags.registrationInsecure && !flags.harvesterKubeconfig) {
    throw usageError('--registration-insecure needs --harvester-kubeconfig.', 'Without it, use the settingValueInsecure or the curl --insecure command the import prints.');
  }

  return {
    name,
    description: flags.description || '',
    labels:      { ...labels, [PROVIDER_LABEL]: HARVESTER_PROVIDER },
    format,
    timing:      { timeoutMs: parseDuration(flags.timeout, '--timeout'), intervalMs: parseDuration(flags.interval, '--interval') },
  };
}

/** What exists under this name: nothing, a Harvester cluster (re-run), or something else (error). */
async function existingCluster(ctx: CommandContext, name: string): Promise<{ match?: ClusterMatch; pendingManagementId?: string }> {
  const related = await findRelatedObjects(ctx.rancher(), name);
  const problems = validateClusterName(name, existingClusterNames(related.provs, related.mgmts));
  const other = problems.find((m) => m.key.endsWith('.duplicateOther') || m.key.endsWith('.reserved'));

  if (other) {
    throw failure(t(other), 'Choose another name: Rancher cluster names are unique, and this tool only imports Harvester clusters.');
  }
  if (!problems.some((m) => m.key.endsWith('.duplicateHarvester'))) {
    return {};
  }

  const match = pickCluster(related, name);

  if (match && decideClusterState(match.cluster).state === 'removing') {
    throw failure(`Harvester cluster "${ name }" (${ match.cluster.id }) is being removed from Rancher; it cannot be imported again until it is gone.`,
      `Wait for the removal (harvester-manager delete ${ name } --yes waits for it), then run the import again.`);
  }
  if (match) {
    return { match };
  }

  // Created a moment ago: the management cluster exists, its provisioning cluster not yet.
  const mgmt = related.mgmts.find((m) => m.spec?.displayName === name);

  return { pendingManagementId: mgmt?.id || mgmt?.metadata?.name };
}

/**
 * The new provisioning cluster, or undefined while it is not there for us yet. A 403 counts as
 * "not yet": Rancher binds the creator as cluster owner in a controller after the create
 * (rancher/rancher pkg/controllers/management/auth/project_cluster/cluster_handler.go), so a
 * Standard User is refused for a moment. Only the wait's timeout gives up.
 */
async function provisioningClusterOnceReadable(client: RancherClient, id: string): Promise<ProvisioningCluster | undefined> {
  try {
    return await client.getProvisioningCluster(id);
  } catch (e) {
    if (isCliError(e) && e.exitCode === EXIT.FORBIDDEN) {
      return undefined;
    }
    throw e;
  }
}

/**
 * Create through the domain's import sequence (the one the Import Existing form runs): POST, wait
 * for the provisioning cluster, and on failure remove the half-made cluster or say what is left.
 */
async function createCluster(ctx: CommandContext, plan: Plan): Promise<string> {
  const client = ctx.rancher();
  let createError: unknown;
  const outcome = await importHarvesterCluster(clusterInput(plan), {
    createCluster: (body) => client.post<{ id?: string }>('/v3/clusters', body, `create the cluster "${ plan.name }"`).catch((e) => {
      createError = e;
      throw e;
    }),
    waitForProvisioningCluster: async(id, timeoutMs) => (await pollUntil(() => provisioningClusterOnceReadable(client, id), (p) => !!p, {
      timeoutMs, intervalMs: Math.min(QUICK_POLL_MS, plan.timing.intervalMs), now: ctx.io.now, sleep: ctx.io.sleep,
    })).done,
    removeCluster:           (id) => client.delete(`/v3/clusters/${ encodeURIComponent(id) }`, `remove the half-made cluster ${ id }`),
    ensureRegistrationToken: (id) => ensureRegistrationToken(ctx, id, { ...plan.timing, create: true }),
  }, { provisioningTimeoutMs: Math.min(DEFAULT_PROVISIONING_TIMEOUT_MS, plan.timing.timeoutMs) });

  if (!outcome.ok) {
    if (isCliError(createError)) {
      throw createError; // Rancher's refusal, explained (and exit 4 for a 403)
    }
    throw failure([t(outcome.error), outcome.cause && t(outcome.cause)].filter(Boolean).join(' '),
      outcome.cleanup ? t(outcome.cleanup) : undefined, outcome.leftovers.map((id) => `still in Rancher: ${ id }`));
  }
  outcome.warnings.forEach((w) => ctx.progress(`Warning: ${ t(w) }`));

  return outcome.clusterId;
}

function clusterInput(plan: Plan): ClusterConfigInput {
  return {
    name: plan.name, description: plan.description, labels: plan.labels
  };
}

interface Outcome {
  name: string;
  dryRun: boolean;
  created: boolean;
  existed: boolean;
  cluster?: JoinedCluster;
  artefacts?: RegistrationArtefacts;
  harvester?: HarvesterStep;
  wouldCreate?: Record<string, unknown>;
  final?: ClusterSnapshot;
}

function document(o: Outcome) {
  return {
    name:         o.name,
    dryRun:       o.dryRun,
    created:      o.created,
    existed:      o.existed,
    id:           o.cluster?.id ?? null,
    clusterId:    o.cluster?.managementId ?? null,
    ...(o.wouldCreate ? { wouldCreate: o.wouldCreate } : {}),
    registration: o.artefacts ? registrationDocument(o.artefacts) : null,
    harvester:    o.harvester ?? null,
    status:       o.final ? snapshotDocument(o.final) : null,
  };
}

export async function importCommand(name: string, flags: ImportFlags, ctx: CommandContext): Promise<void> {
  const plan = planFrom(name, flags);
  const dryRun = !!flags.dryRun;
  const client = ctx.rancher();
  const outcome: Outcome = {
    name, dryRun, created: false, existed: false,
  };
  const harvester = await harvesterPreflight(ctx, flags.harvesterKubeconfig ? { kubeconfig: flags.harvesterKubeconfig, context: flags.harvesterContext } : undefined, !!flags.registrationInsecure);
  const found = await existingCluster(ctx, name);
  let cluster: JoinedCluster | undefined = found.match?.cluster;
  let clusterId = found.match?.cluster.managementId || found.pendingManagementId;

  if (!clusterId && harvester?.current.trim() && !flags.replaceRegistrationUrl) {
    throw otherRegistration(harvester); // a new cluster gets a new URL: refuse before creating anything
  }

  if (clusterId) {
    outcome.existed = true;
    ctx.progress(`Harvester cluster "${ name }" already exists in Rancher (${ cluster?.id || clusterId }); nothing created.`);
  } else if (dryRun) {
    if (!canImport(schemaLookup(await client.steveSchemas()))) {
      throw forbidden(`You may not import clusters: Rancher does not let your user create clusters (dry run: nothing was sent).`,
        'Ask a Rancher administrator for a role that may create clusters (e.g. Standard User with cluster creation).');
    }
    outcome.wouldCreate = {
      method: 'POST', path: '/v3/clusters', body: normanClusterCreateBody(clusterInput(plan))
    };
    ctx.progress(`Dry run: would create Harvester cluster "${ name }" (POST /v3/clusters, labels ${ Object.entries(plan.labels).map(([k, v]) => `${ k }=${ v }`).join(', ') }), wait for its provisioning cluster and registration token, and print the registration.`);
  } else {
    try {
      clusterId = await createCluster(ctx, plan);
      outcome.created = true;
      ctx.progress(`Created Harvester cluster "${ name }" in Rancher as ${ clusterId }.`);
    } catch (e) {
      // A parallel run may have created it between our check and our POST: that is a re-run.
      const again = isCliError(e) && /already taken/.test(e.message) ? await existingCluster(ctx, name) : {};

      if (!again.match && !again.pendingManagementId) {
        throw e;
      }
      outcome.existed = true;
      cluster = again.match?.cluster;
      clusterId = again.match?.cluster.managementId || again.pendingManagementId;
    }
  }

  if (clusterId && (!cluster || !cluster.managementId)) {
    cluster = await waitForProvisioningCluster(ctx, clusterId, plan.timing);
    clusterId = cluster.managementId;
  }
  outcome.cluster = cluster;

  if (cluster && clusterId) {
    const token = await ensureRegistrationToken(ctx, clusterId, { ...plan.timing, create: !dryRun });
    const active = isReady(cluster);
    const harvesterVersion = harvester ? harvester.version : active ? await client.harvesterVersion(clusterId) : undefined;

    if (!token && dryRun) {
      ctx.progress('Dry run: the cluster has no registration token yet; a real run would ask Rancher for one.');
    } else {
      outcome.artefacts = requireArtefacts(token, harvesterVersion);
    }
    if (harvester && active) {
      outcome.harvester = {
        server: harvester.api.server, version: harvesterVersion ?? null, settingFormat: chooseRegistrationSetting('', harvesterVersion).format, action: 'skipped-active',
      };
      ctx.progress(`Cluster "${ name }" is already Active; Harvester's ${ HARVESTER_REGISTRATION_SETTING } left as is.`);
    } else if (harvester && outcome.artefacts) {
      outcome.harvester = await applyToHarvester(ctx, harvester, outcome.artefacts.url, {
        insecure: !!flags.registrationInsecure, replace: !!flags.replaceRegistrationUrl, dryRun,
      });
    }
  } else if (harvester) {
    const { version } = harvester;
    const format = chooseRegistrationSetting('', version).format;

    outcome.harvester = {
      server: harvester.api.server, version: version ?? null, settingFormat: format, action: 'would-set'
    };
    ctx.progress(`Dry run: would set ${ HARVESTER_REGISTRATION_SETTING } on Harvester at ${ harvester.api.server } (${ version || 'unknown version' }: ${ format === 'json' ? 'JSON value' : 'plain URL' }).`);
  }

  if (plan.format === 'table' && outcome.artefacts && cluster) {
    ctx.io.stdout(renderRegistration(name, cluster.id, outcome.artefacts));
  }

  let failed: CliError | undefined;

  if (flags.wait && cluster && !dryRun) {
    try {
      outcome.final = await waitForActive(client, cluster, ctx.io, { ...plan.timing, serverUrl: await client.serverUrlSetting() });
      if (plan.format === 'table') {
        ctx.io.stdout(`Harvester cluster "${ name }" is Active.\n`);
      }
    } catch (e) {
      if (!isCliError(e)) {
        throw e;
      }
      failed = e;
    }
  }
  if (plan.format !== 'table') {
    ctx.io.stdout(renderDocument(plan.format, document(outcome)));
  } else if (dryRun) {
    ctx.io.stdout(`Dry run: nothing was changed${ outcome.wouldCreate ? `; would create Harvester cluster "${ name }"` : '' }.\n`);
  }
  if (failed) {
    throw failed;
  }
}
