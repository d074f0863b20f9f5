import { refreshHarvesterRepository } from '@pkg/harvester-manager/adapters/harvester-extension';
import { refreshHelmRepository } from '@shell/utils/uiplugins';

jest.mock('@shell/utils/uiplugins', () => ({ refreshHelmRepository: jest.fn() }));

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
