import { harvesterInstallPorts, rancherEnvironment, refreshHarvesterRepository } from '@pkg/harvester-manager/adapters/harvester-extension';
import { createHelmRepository, refreshHelmRepository } from '@shell/utils/uiplugins';

jest.mock('@shell/utils/uiplugins', () => ({ refreshHelmRepository: jest.fn(), createHelmRepository: jest.fn() }));
jest.mock('@shell/config/version', () => ({ getVersionData: () => ({ Version: 'v2.12.0' }), isRancherPrime: () => false }));

const refresh = refreshHelmRepository as jest.MockedFunction<typeof refreshHelmRepository>;
const repository = { metadata: { name: 'harvester' }, spec: { gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages' } };

function fakeStore() {
  return { dispatch: jest.fn(async() => repository) };
}

describe('adapter: refreshHarvesterRepository', () => {
  beforeEach(() => refresh.mockReset());

  it('refreshes the repository by its Git URL', async() => {
    const store = fakeStore();

    refresh.mockResolvedValue(undefined);
    await refreshHarvesterRepository(store, repository);
    expect(refresh).toHaveBeenCalledWith(store, 'https://github.com/harvester/harvester-ui-extension');
    expect(store.dispatch).not.toHaveBeenCalled();
  });

  it('a 409 (Rancher wrote the repository meanwhile) reads it again and refreshes once more', async() => {
    const store = fakeStore();

    refresh.mockRejectedValueOnce({ _status: 409, message: 'the object has been modified' }).mockResolvedValueOnce(undefined);
    await refreshHarvesterRepository(store, repository);
    expect(store.dispatch).toHaveBeenCalledWith('management/find', {
      type: 'catalog.cattle.io.clusterrepo', id: 'harvester', opt: { force: true }
    });
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('a second 409, or any other error, reaches the caller (the panel shows it)', async() => {
    refresh.mockRejectedValue({ status: 409 });
    await expect(refreshHarvesterRepository(fakeStore(), repository)).rejects.toEqual({ status: 409 });
    expect(refresh).toHaveBeenCalledTimes(2);

    refresh.mockReset();
    refresh.mockRejectedValue({ status: 403 });
    await expect(refreshHarvesterRepository(fakeStore(), repository)).rejects.toEqual({ status: 403 });
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe('adapter: where the Harvester UI extension comes from (Rancher Prime or community)', () => {
  const storeAnswering = (rancherVersion: Record<string, unknown>) => ({
    dispatch: jest.fn(async(_action: string, opt: { url: string }) => (opt.url === '/rancherversion' ? rancherVersion : { gitVersion: 'v1.31.4+k3s1' })),
    getters:  { 'management/byId': () => undefined },
  });

  it.each([
    ['Rancher Prime', { Version: 'v2.12.3', RancherPrime: 'true' }, {
      name: 'rancher', gitRepo: 'https://github.com/rancher/ui-plugin-charts', gitBranch: 'main'
    }],
    ['community Rancher', { Version: 'v2.12.3', RancherPrime: 'false' }, {
      name: 'harvester', gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages'
    }],
  ])('%s: the one-click install adds the right repository', async(_what, answer, repo) => {
    const store = storeAnswering(answer);
    const env = await rancherEnvironment(store);
    const create = createHelmRepository as jest.MockedFunction<typeof createHelmRepository>;

    expect(env).toEqual({
      rancherVersion: 'v2.12.3', kubeVersion: 'v1.31.4', prime: answer.RancherPrime === 'true'
    });
    create.mockResolvedValue({} as never);
    await harvesterInstallPorts(store, env).addRepository();
    expect(create).toHaveBeenLastCalledWith(store, repo.name, repo.gitRepo, repo.gitBranch);
  });
});

