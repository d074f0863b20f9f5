import { labelValueProblem, metadataKeyProblem } from '../pkg/harvester-manager/domain/metadata-validation';
import { usageError } from './errors';
import { t } from './messages';

// Small parsers and formatters for the command line: durations, ages, labels.

const UNITS: Record<string, number> = {
  ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/** `90s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds → milliseconds. */
export function parseDuration(text: string, option = '--timeout'): number {
  const value = text.trim();

  if (/^\d+(\.\d+)?$/.test(value)) {
    return Math.round(Number(value) * 1000);
  }

  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];

  if (!parts.length || parts.map((p) => p[0]).join('') !== value) {
    throw usageError(`${ option } "${ text }" is not a duration.`, 'Write it like 90s, 5m, 1h30m or 250ms (a bare number means seconds).');
  }

  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0));
}

const SIZE_UNITS: Record<string, number> = {
  '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3,
};

/** `64Mi`, `512Ki`, `1Gi` or a bare number of bytes (Kubernetes quantity suffixes) → bytes. */
export function parseSize(text: string, option: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(text.trim());
  const bytes = m ? Number(m[1]) * SIZE_UNITS[m[2] || ''] : NaN;

  if (!m || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw usageError(`${ option } "${ text }" is not a size.`, 'Write it like 64Mi, 512Ki or 1Gi (a bare number means bytes).');
  }

  return bytes;
}

/** Bytes as `64 MiB`, `1.5 KiB`, `900 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size) {
      return `${ Number((bytes / size).toFixed(1)) } ${ unit }`;
    }
  }

  return `${ bytes } bytes`;
}

/** kubectl-style age: `45s`, `12m`, `5h`, `3d`, `2y`. */
export function formatAge(from: string | undefined, now: number): string {
  const start = from ? Date.parse(from) : NaN;

  if (Number.isNaN(start)) {
    return '-';
  }

  const s = Math.max(0, Math.floor((now - start) / 1000));

  if (s < 120) {
    return `${ s }s`;
  }
  if (s < 2 * 3600) {
    return `${ Math.floor(s / 60) }m`;
  }
  if (s < 2 * 86400) {
    return `${ Math.floor(s / 3600) }h`;
  }
  if (s < 2 * 365 * 86400) {
    return `${ Math.floor(s / 86400) }d`;
  }

  return `${ Math.floor(s / (365 * 86400)) }y`;
}

/** `1m30s` style for elapsed times in progress lines. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));

  if (s < 60) {
    return `${ s }s`;
  }
  const m = Math.floor(s / 60);

  return s % 60 ? `${ m }m${ s % 60 }s` : `${ m }m`;
}

/** `--label k=v` values → a label map, every problem reported at once. */
export function parseLabels(items: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const problems: string[] = [];

  for (const item of items) {
    const eq = item.indexOf('=');

    if (eq <= 0) {
      problems.push(`"${ item }": write it as key=value`);
      continue;
    }

    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const problem = metadataKeyProblem('label', key) || labelValueProblem(key, value);

    if (problem) {
      problems.push(t(problem));
    } else {
      labels[key] = value;
    }
  }
  if (problems.length) {
    throw usageError('Invalid --label.', 'Labels are Kubernetes labels: --label team=virt --label example.com/env=lab', problems);
  }

  return labels;
}
