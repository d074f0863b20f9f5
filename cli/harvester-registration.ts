import { chooseRegistrationSetting, HARVESTER_REGISTRATION_SETTING, isRegistrationSettingCurrent, parseRegistrationSetting } from '../pkg/harvester-manager/domain';
import type { CommandContext } from './command-context';
import { CliError, failure, usageError } from './errors';
import type { HarvesterApi, HarvesterTarget } from './harvester-api';

// `import --harvester-kubeconfig`: writing Harvester's cluster-registration-url setting, in the
// form its version takes, without clobbering a registration that belongs to someone else.

export type HarvesterAction = 'set' | 'unchanged' | 'would-set' | 'skipped-active';

export interface HarvesterStep {
  server: string;
  version: string | null;
  settingFormat: 'json' | 'plain';
  action: HarvesterAction;
}

/** What Harvester says before anything changes: a bad kubeconfig fails the import before the create. */
export interface HarvesterPreflight {
  api: HarvesterApi;
  version?: string;
  current: string;
}

export async function harvesterPreflight(ctx: CommandContext, target: HarvesterTarget | undefined, insecure: boolean): Promise<HarvesterPreflight | undefined> {
  if (!target) {
    return undefined;
  }

  const api = await ctx.openHarvester(target);
  const version = await api.serverVersion();

  if (chooseRegistrationSetting('', version, insecure).insecureUnsupported) {
    throw usageError(`${ version ? `Harvester ${ version }` : 'This Harvester (version unknown)' } takes only a plain URL in ${ HARVESTER_REGISTRATION_SETTING }; it cannot skip TLS verification (that needs v1.7.2 or later).`,
      'Drop --registration-insecure and make Harvester trust Rancher\'s CA, or register with the curl --insecure command the import prints.');
  }

  return {
    api, version, current: await api.registrationSetting()
  };
}

export function otherRegistration(harvester: HarvesterPreflight): CliError {
  const existing = parseRegistrationSetting(harvester.current);
  const host = existing ? (/^[a-z]+:\/\/([^/]+)/i.exec(existing.url) || [])[1] : undefined;

  return failure(`Harvester at ${ harvester.api.server } is already registering with ${ host ? `a Rancher at ${ host }` : 'another value' } (${ HARVESTER_REGISTRATION_SETTING } is set to another registration URL).`,
    'If that registration is stale (e.g. a cluster removed from Rancher), re-run with --replace-registration-url; otherwise remove it from that Rancher first.');
}

export async function applyToHarvester(
  ctx: CommandContext, preflight: HarvesterPreflight, url: string, opts: { insecure: boolean; replace: boolean; dryRun: boolean },
): Promise<HarvesterStep> {
  const { api: harvester, version, current } = preflight;
  const choice = chooseRegistrationSetting(url, version, opts.insecure);
  const step = {
    server: harvester.server, version: version ?? null, settingFormat: choice.format
  };

  if (choice.versionUnknown) {
    ctx.progress(`Harvester at ${ harvester.server } reports no readable version (${ version || 'none' }); writing the plain URL, which every version accepts.`);
  }
  if (isRegistrationSettingCurrent(current, url, choice.format === 'json' && opts.insecure)) {
    ctx.progress(`Harvester at ${ harvester.server } already has ${ HARVESTER_REGISTRATION_SETTING } set to this cluster's URL; left as is.`);

    return { ...step, action: 'unchanged' };
  }

  if (current.trim() && !opts.replace) {
    throw otherRegistration(preflight);
  }
  if (opts.dryRun) {
    ctx.progress(`Dry run: would set ${ HARVESTER_REGISTRATION_SETTING } on Harvester at ${ harvester.server } (${ version || 'unknown version' }: ${ choice.format === 'json' ? 'JSON value' : 'plain URL' }).`);

    return { ...step, action: 'would-set' };
  }

  await harvester.setRegistrationSetting(choice.value);
  ctx.progress(`Set ${ HARVESTER_REGISTRATION_SETTING } on Harvester at ${ harvester.server } (${ version || 'unknown version' }: ${ choice.format === 'json' ? 'JSON value' : 'plain URL' }); its agent now registers with Rancher.`);

  return { ...step, action: 'set' };
}
