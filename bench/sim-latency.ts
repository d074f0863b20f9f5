/** p50/p95 of a paginated, filtered, sorted cluster query straight against the simulator. */
export async function simulatorLatency(simUrl: string, samples = 100): Promise<{ p50: number, p95: number }> {
  const login = await fetch(`${ simUrl }/v1-public/login`, {
    method:  'POST',
    headers: { 'content-type': 'application/json' },
    body:    JSON.stringify({
      username: 'admin', password: 'password1234', responseType: 'json'
    })
  });
  const { token } = await login.json() as { token: string };
  const headers = { authorization: `Bearer ${ token }` };
  const times: number[] = [];

  for (let i = 0; i < samples; i++) {
    const page = 1 + (i % 5);
    const url = `${ simUrl }/v1/provisioning.cattle.io.clusters?page=${ page }&pagesize=10&sort=metadata.name&filter=metadata.labels[provider.cattle.io]=harvester&exclude=metadata.managedFields`;
    const started = performance.now();
    const res = await fetch(url, { headers });

    await res.text();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;

  return { p50: at(0.5), p95: at(0.95) };
}
