import { importHarvesterCluster, type ImportPorts } from '../../../pkg/harvester-manager/domain';

function apiError(status: number, code: string, message: string) {
  return {
    type: 'error', status, code, message
  };
}

function ports(overrides: Partial<ImportPorts> = {}) {
  const calls: string[] = [];
  const p: ImportPorts = {
    createCluster: jest.fn(async(body) => {
      calls.push(`create ${ body.name }`);

      return { id: 'c-x7k2q' };
    }),
    waitForProvisioningCluster: jest.fn(async(id) => {
      calls.push(`wait ${ id }`);

      return true;
    }),
    removeCluster: jest.fn(async(id) => {
      calls.push(`remove ${ id }`);
    }),
    ensureRegistrationToken: jest.fn(async(id) => {
      calls.push(`token ${ id }`);
    }),
    saveMembers: jest.fn(async(id) => {
      calls.push(`members ${ id }`);
    }),
    ...overrides,
  };

  return { p, calls };
}

describe('domain: import-cluster', () => {
  it('creates, waits for the provisioning cluster, gets the token, saves members, in that order', async() => {
    const { p, calls } = ports();
    const out = await importHarvesterCluster({ name: 'harv1', description: 'd' }, p, { provisioningTimeoutMs: 1234 });

    expect(out).toEqual({
      ok: true, clusterId: 'c-x7k2q', provisioningId: 'fleet-default/c-x7k2q', warnings: []
    });
    expect(calls).toEqual(['create harv1', 'wait fleet-default/c-x7k2q', 'token c-x7k2q', 'members c-x7k2q']);
    expect(p.waitForProvisioningCluster).toHaveBeenCalledWith('fleet-default/c-x7k2q', 1234);
    expect((p.createCluster as jest.Mock).mock.calls[0][0]).toEqual(expect.objectContaining({ type: 'cluster', labels: { 'provider.cattle.io': 'harvester' } }));
  });

  it.each(['My.Cluster', 'x'.repeat(64), '', 'Upper'])('refuses the invalid name %p without calling Rancher', async(name) => {
    const { p } = ports();
    const out = await importHarvesterCluster({ name }, p);

    expect(out.ok).toBe(false);
    expect(p.createCluster).not.toHaveBeenCalled();
  });

  it('refuses a name that is taken', async() => {
    const { p } = ports();
    const out = await importHarvesterCluster({ name: 'harv1' }, p, { existing: [{ name: 'harv1', isHarvester: true }] });

    expect(out).toEqual({
      ok: false, error: { key: 'harvesterManager.validation.name.duplicateHarvester', args: { name: 'harv1' } }, leftovers: []
    });
    expect(p.createCluster).not.toHaveBeenCalled();
  });

  it.each([
    [403, 'Forbidden', 'forbidden'],
    [409, 'AlreadyExists', 'alreadyExists'],
    [422, 'NotUnique', 'alreadyExists'],
    [422, 'InvalidFormat', 'invalid'],
    [500, 'ServerError', 'server'],
  ])('a %i %s from the create says so and leaves nothing behind', async(status, code, kind) => {
    const { p, calls } = ports({ createCluster: jest.fn().mockRejectedValue(apiError(status, code, 'rancher says no')) });
    const out = await importHarvesterCluster({ name: 'harv1' }, p);

    expect(out).toEqual({
      ok:        false,
      error:     { key: 'harvesterManager.import.error.create', args: { name: 'harv1' } },
      cause:     { key: `harvesterManager.apiError.${ kind }`, args: { status, detail: 'rancher says no' } },
      leftovers: [],
    });
    expect(calls).toEqual([]);
  });

  it('a network failure on create is reported as such', async() => {
    const { p } = ports({ createCluster: jest.fn().mockRejectedValue({ code: 'ERR_NETWORK', message: 'Network Error' }) });
    const out = await importHarvesterCluster({ name: 'harv1' }, p);

    expect(!out.ok && out.cause?.key).toBe('harvesterManager.apiError.network');
  });

  it('when the provisioning cluster never appears, removes the Norman cluster and says so', async() => {
    const { p, calls } = ports({ waitForProvisioningCluster: jest.fn().mockResolvedValue(false) });
    const out = await importHarvesterCluster({ name: 'harv1' }, p, { provisioningTimeoutMs: 60_000 });

    expect(out).toEqual({
      ok:        false,
      error:     { key: 'harvesterManager.import.error.noProvisioningCluster', args: { id: 'fleet-default/c-x7k2q', seconds: 60 } },
      cause:     undefined,
      cleanup:   { key: 'harvesterManager.import.cleanup.removed', args: { id: 'c-x7k2q' } },
      leftovers: [],
    });
    expect(calls).toEqual(['create harv1', 'remove c-x7k2q']);
  });

  it('when the cleanup fails too, names exactly what is left', async() => {
    const { p } = ports({
      waitForProvisioningCluster: jest.fn().mockRejectedValue({ code: 'ERR_NETWORK', message: 'Network Error' }),
      removeCluster:              jest.fn().mockRejectedValue(apiError(403, 'Forbidden', 'cannot delete')),
    });
    const out = await importHarvesterCluster({ name: 'harv1' }, p);

    expect(out).toEqual({
      ok:        false,
      error:     { key: 'harvesterManager.import.error.noProvisioningCluster', args: { id: 'fleet-default/c-x7k2q', seconds: 60 } },
      cause:     { key: 'harvesterManager.apiError.network', args: { status: '', detail: 'Network Error' } },
      cleanup:   { key: 'harvesterManager.import.cleanup.failed', args: { id: 'c-x7k2q', detail: 'cannot delete' } },
      leftovers: ['c-x7k2q'],
    });
  });

  it('a create answer without an id is an error', async() => {
    const { p } = ports({ createCluster: jest.fn().mockResolvedValue({}) });

    expect(await importHarvesterCluster({ name: 'harv1' }, p)).toEqual({
      ok: false, error: { key: 'harvesterManager.import.error.noId', args: { name: 'harv1' } }, leftovers: []
    });
  });

  it('token and member failures are warnings: the cluster exists and can still register', async() => {
    const { p } = ports({
      ensureRegistrationToken: jest.fn().mockRejectedValue(apiError(403, 'Forbidden', 'no tokens for you')),
      saveMembers:             jest.fn().mockRejectedValue(apiError(422, 'InvalidFormat', 'bad principal')),
    });
    const out = await importHarvesterCluster({ name: 'harv1' }, p);

    expect(out).toEqual({
      ok:             true,
      clusterId:      'c-x7k2q',
      provisioningId: 'fleet-default/c-x7k2q',
      warnings:       [
        { key: 'harvesterManager.import.warning.token', args: { detail: 'no tokens for you' } },
        { key: 'harvesterManager.import.warning.members', args: { detail: 'bad principal' } },
      ],
    });
  });

  it('saving members is optional', async() => {
    const { p } = ports({ saveMembers: undefined });

    expect((await importHarvesterCluster({ name: 'harv1' }, p)).ok).toBe(true);
  });
});
