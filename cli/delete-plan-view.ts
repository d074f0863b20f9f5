import type { DeletePlan, Known, DependantRef } from '../pkg/harvester-manager/domain';
import { t } from './messages';

// The delete guard on a terminal: what goes, what stays, what depends on it, what never to do.

function dependantsLine(label: string, known: Known<DependantRef>): string {
  if (known.status === 'unknown') {
    return `  - ${ label }: unknown (you may not read them, or this Rancher does not have them)`;
  }

  return `  - ${ label }: ${ known.items.length ? known.items.map((d) => `${ d.name } (${ d.id })`).join(', ') : 'none' }`;
}

export function renderDeletePlan(plan: DeletePlan): string {
  const lines: string[] = [];

  for (const cluster of plan.clusters) {
    lines.push(`Delete Harvester cluster "${ cluster.displayName }" (${ cluster.id }) through the Rancher API.`, '', 'Rancher removes:');
    lines.push(...cluster.removes.map((r) => `  - ${ t(r.labelKey) }: ${ r.id }`));
    lines.push('', 'What still uses this cluster in Rancher:');
    lines.push(dependantsLine('cloud credentials', cluster.dependants.cloudCredentials), dependantsLine('guest clusters', cluster.dependants.guestClusters));
    if (cluster.blocked) {
      lines.push('', `Blocked: ${ t(cluster.blocked) }`);
    }
  }
  lines.push('', 'Stays:', ...plan.stays.map((m) => `  - ${ t(m) }`));
  lines.push('', ...plan.warnings.map((m) => `Warning: ${ t(m) }`));
  lines.push('', ...plan.after.map((m) => t(m)), ...plan.afterCommands.map((c) => `  ${ c }`), '');

  return lines.join('\n');
}

export function deletePlanDocument(plan: DeletePlan) {
  return {
    clusters: plan.clusters.map((c) => ({
      id:      c.id,
      name:    c.displayName,
      removes: c.removes.map((r) => ({
        kind: r.kind, id: r.id, description: t(r.labelKey)
      })),
      dependants: c.dependants,
      blocked:    c.blocked ? t(c.blocked) : null,
    })),
    stays:         plan.stays.map((m) => t(m)),
    warnings:      plan.warnings.map((m) => t(m)),
    after:         plan.after.map((m) => t(m)),
    afterCommands: plan.afterCommands,
  };
}
