// The simulator as the bench drives it over HTTP: its test-control reset, and Rancher's own API as the admin.

const PASSWORD = 'password1234';

/** A fresh simulator state with the seed's 2 Harvester clusters plus `seedClusters` more. */
export async function resetSimulator(simUrl: string, seedClusters: number): Promise<void> {
  const res = await fetch(`${ simUrl }/sim/reset`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seedClusters })
  });

  if (!res.ok) {
    throw new Error(`resetting the simulator failed: ${ res.status } ${ await res.text() }`);
  }
}

async function adminToken(simUrl: string): Promise<string> {
  const res = await fetch(`${ simUrl }/v1-public/login`, {
    method:  'POST',
    headers: { 'content-type': 'application/json' },
    body:    JSON.stringify({
      type: 'localProvider', username: 'admin', password: PASSWORD, responseType: 'json'
    }),
  });

  if (!res.ok) {
    throw new Error(`logging in as admin failed: ${ res.status }`);
  }

  return ((await res.json()) as { token: string }).token;
}

export type AdminCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** Rancher's API as the admin (a bearer token): a call answers the parsed JSON, or throws on an error status. */
export async function adminApi(simUrl: string): Promise<AdminCall> {
  const token = await adminToken(simUrl);

  return async(method, path, body) => {
    const res = await fetch(`${ simUrl }${ path }`, {
      method, headers: { authorization: `Bearer ${ token }`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });

    if (!res.ok) {
      throw new Error(`${ method } ${ path } failed: ${ res.status } ${ await res.text() }`);
    }

    return res.json();
  };
}
