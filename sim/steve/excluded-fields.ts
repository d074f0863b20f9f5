/**
 * Steve's `exclude=` query parameter (steve pkg/resources/common/formatter.go `excludeFields`,
 * identical on release/v0.4, v0.5 and v0.6, i.e. Rancher 2.10-2.12): every value of the
 * parameter is ONE dotted path (`exclude=a.b&exclude=c`; a comma is part of the path, never a
 * separator), removed from each object of a list or a get after Steve added `metadata.state`.
 * Steve removes them from the Kubernetes object, so what the API server wraps around it (`id`,
 * `type`, `links`, `actions`) stays.
 */
const WRAPPER_FIELDS = new Set(['id', 'type', 'links', 'actions']);

export function excludedPaths(params: URLSearchParams): string[] {
  return params.getAll('exclude').filter(Boolean);
}

/** The rendered resource without the excluded paths (a copy where something is removed). */
export function withoutExcluded<T extends Record<string, unknown>>(resource: T, paths: readonly string[]): T {
  const removable = paths.map((p) => p.split('.')).filter((parts) => !WRAPPER_FIELDS.has(parts[0]));

  if (!removable.length) {
    return resource;
  }
  const out = structuredClone(resource);

  removable.forEach((parts) => removePath(out, parts));

  return out;
}

/** data.RemoveValue: walk the maps of the path and delete its last key; a missing step is no error. */
function removePath(obj: Record<string, unknown>, parts: string[]): void {
  let node: unknown = obj;

  for (const key of parts.slice(0, -1)) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      return;
    }
    node = (node as Record<string, unknown>)[key];
  }
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    delete (node as Record<string, unknown>)[parts[parts.length - 1]];
  }
}
