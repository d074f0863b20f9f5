/** Kubernetes timestamps have second precision and a `Z` suffix. */
export function kubeTimestamp(date: Date = new Date()): string {
  return `${ date.toISOString().slice(0, 19) }Z`;
}

export function timestampMillis(ts: string | undefined): number {
  const parsed = ts ? Date.parse(ts) : NaN;

  return Number.isNaN(parsed) ? 0 : parsed;
}
