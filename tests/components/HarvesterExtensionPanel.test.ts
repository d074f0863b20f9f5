import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils';
import HarvesterExtensionPanel from '@pkg/harvester-manager/components/HarvesterExtensionPanel.vue';
import * as adapter from '@pkg/harvester-manager/adapters/harvester-extension';
import { storeError } from './support/store-error';
import type { Wrapper } from './support/wrappers';

jest.mock('@pkg/harvester-manager/adapters/harvester-extension', () => ({
  canInstallExtensions:    jest.fn(),
  findHarvesterRepository: jest.fn(),
  harvesterIndexEntry:     jest.fn(async() => undefined),
  harvesterInstallPorts:   jest.fn(),
  harvesterRepositorySpec: jest.fn(() => ({
    name: 'harvester', gitRepo: 'https://github.com/harvester/harvester-ui-extension', gitBranch: 'gh-pages'
  })),
  latestCompatibleHarvesterVersion: jest.fn(),
  loadedHarvesterExtensionVersion:  jest.fn(),
  rancherEnvironment:               jest.fn(async() => ({ rancherVersion: 'v2.12.3', kubeVersion: 'v1.31.4' })),
  refreshHarvesterRepository:       jest.fn(async() => undefined),
}));

const mocked = adapter as jest.Mocked<typeof adapter>;

const AsyncButtonStub = {
  name:     'AsyncButton',
  props:    ['mode'],
  emits:    ['click'],
  template: '<button class="async-button" :data-mode="mode">{{ mode }}</button>',
};

interface Scenario {
  admin: boolean;
  installed?: string | null;
  repository?: 'found' | 'missing' | 'unknown';
  latest?: string | null;
}

function setup(s: Scenario) {
  mocked.canInstallExtensions.mockReturnValue(s.admin);
  mocked.loadedHarvesterExtensionVersion.mockReturnValue(s.installed ?? null);
  mocked.findHarvesterRepository.mockResolvedValue({
    presence:   s.repository || 'missing',
    repository: s.repository === 'found' ? {
      metadata: { name: 'harvester' }, links: { update: 'u' }, spec: {}
    } : undefined
  });
  mocked.latestCompatibleHarvesterVersion.mockResolvedValue(s.latest === undefined ? '1.6.0' : s.latest);
}

async function render(s: Scenario) {
  setup(s);
  const go = jest.fn();
  const wrapper = mount(HarvesterExtensionPanel, {
    global: {
      mocks: { $store: { getters: {} }, $router: { go } },
      stubs: {
        AsyncButton: AsyncButtonStub, 'router-link': RouterLinkStub, t: true
      },
    },
  });

  await flushPromises();

  return { wrapper, go };
}

const panel = (w: Wrapper) => w.find('[data-testid="harvester-extension-panel"]');
const text = (w: Wrapper, id: string) => w.find(`[data-testid="harvester-extension-panel-${ id }"]`).text();

describe('component: HarvesterExtensionPanel', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mocked.harvesterIndexEntry.mockResolvedValue(undefined);
  });

  describe.each([
    ['install', { installed: null, repository: 'missing' }, 'The Harvester UI Extension is not installed', 'install'],
    ['missingRepo', { installed: '1.6.0', repository: 'missing' }, 'The Harvester UI Extension repository is missing', 'update'],
    ['update', {
      installed: '1.5.1', repository: 'found', latest: '1.6.0'
    }, 'Your current Harvester UI Extension (v1.5.1) is not the latest.', 'update'],
    ['missingVersion', {
      installed: null, repository: 'found', latest: null
    }, 'No compatible version of the Harvester UI extension was found', null],
  ] as const)('state %s', (state, facts, warning, action) => {
    it('admin: warning, admin prompt and the one-click button', async() => {
      const { wrapper } = await render({ admin: true, ...facts } as Scenario);

      expect(panel(wrapper).attributes('data-state')).toBe(state);
      expect(text(wrapper, 'warning')).toBe(warning);
      expect(text(wrapper, 'prompt')).not.toMatch(/administrator/);
      const button = wrapper.findComponent(AsyncButtonStub);

      expect(button.exists()).toBe(!!action);
      if (action) {
        expect(button.props('mode')).toBe(action);
      }
    });

    it('standard user: the same warning, told to ask the administrator, no button', async() => {
      const { wrapper } = await render({ admin: false, ...facts } as Scenario);

      expect(panel(wrapper).attributes('data-state')).toBe(state);
      expect(text(wrapper, 'warning')).toBe(warning);
      expect(text(wrapper, 'prompt')).toMatch(/administrator/);
      expect(wrapper.findComponent(AsyncButtonStub).exists()).toBe(false);
    });
  });

  it('names the new version in the update prompt, for both audiences', async() => {
    expect(text((await render({
      admin: true, installed: '1.5.1', repository: 'found', latest: '1.6.0'
    })).wrapper, 'prompt')).toContain('v1.6.0');
    expect(text((await render({
      admin: false, installed: '1.5.1', repository: 'found', latest: '1.6.0'
    })).wrapper, 'prompt')).toContain('v1.6.0');
  });

  it('shows nothing when the extension is installed and current, and reports the state', async() => {
    const { wrapper } = await render({
      admin: true, installed: '1.6.0', repository: 'found', latest: '1.6.0'
    });

    expect(panel(wrapper).exists()).toBe(false);
    const states = wrapper.emitted('state') as Array<[{ state: string, checked: boolean }]>;

    expect(states[states.length - 1][0]).toMatchObject({ state: 'installed', checked: true });
  });

  it('admins refresh the repository before deciding (a new release becomes an update); users do not', async() => {
    await render({
      admin: true, installed: '1.5.1', repository: 'found', latest: '1.5.1'
    });
    expect(mocked.refreshHarvesterRepository).toHaveBeenCalledTimes(1);
    jest.clearAllMocks();
    await render({
      admin: false, installed: '1.5.1', repository: 'found', latest: '1.5.1'
    });
    expect(mocked.refreshHarvesterRepository).not.toHaveBeenCalled();
  });

  describe('one-click install', () => {
    function ports(overrides: Record<string, unknown> = {}) {
      return {
        findRepository:          jest.fn(async() => undefined),
        addRepository:           jest.fn(async() => ({ metadata: { name: 'harvester' } })),
        refreshRepository:       jest.fn(async() => undefined),
        latestCompatibleVersion: jest.fn(async() => '1.6.0'),
        installChart:            jest.fn(async() => undefined),
        waitForExtension:        jest.fn(async() => true),
        ...overrides,
      };
    }

    /** The install ports the panel gets: these fakes stand in for the real ones (which talk to the shell's store). */
    const installPorts = (p: ReturnType<typeof ports>) => p as unknown as ReturnType<typeof adapter.harvesterInstallPorts>;

    it('adds the repository, installs the newest compatible version and reloads', async() => {
      const { wrapper, go } = await render({
        admin: true, installed: null, repository: 'missing'
      });
      const p = ports();
      const done = jest.fn();

      mocked.harvesterInstallPorts.mockReturnValue(installPorts(p));
      wrapper.findComponent(AsyncButtonStub).vm.$emit('click', done);
      await flushPromises();
      expect(p.addRepository).toHaveBeenCalled();
      expect(p.installChart).toHaveBeenCalledWith({ metadata: { name: 'harvester' } }, '1.6.0', 'install');
      expect(done).toHaveBeenCalledWith(true);
      expect(go).toHaveBeenCalledWith(0);
    });

    it('a failed install turns the panel into "automatic install failed" with the manual steps', async() => {
      const { wrapper, go } = await render({
        admin: true, installed: null, repository: 'missing'
      });
      const done = jest.fn();

      mocked.harvesterInstallPorts.mockReturnValue(installPorts(ports({
        installChart: jest.fn(async() => {
          throw storeError({
            status: 500, code: 'ServerError', message: 'injected fault'
          });
        })
      })));
      wrapper.findComponent(AsyncButtonStub).vm.$emit('click', done);
      await flushPromises();
      expect(done).toHaveBeenCalledWith(false);
      expect(go).not.toHaveBeenCalled();
      expect(panel(wrapper).attributes('data-state')).toBe('error');
      expect(text(wrapper, 'warning')).toBe('The automatic installation of the Harvester UI extension failed');
      expect(text(wrapper, 'detail')).toMatch(/installing the chart: injected fault/);
      const steps = wrapper.find('[data-testid="harvester-extension-panel-steps"]');

      expect(steps.text()).toContain('https://github.com/harvester/harvester-ui-extension');
      expect(wrapper.findAllComponents(RouterLinkStub).map((l) => l.props('to'))).toEqual([
        {
          name:   'c-cluster-product-resource',
          params: {
            cluster: 'local', product: 'apps', resource: 'catalog.cattle.io.clusterrepo'
          }
        },
        { name: 'c-cluster-uiplugins', params: { cluster: '_' } },
      ]);

      // …and the same button tries again: this time it works and the page reloads
      mocked.harvesterInstallPorts.mockReturnValue(installPorts(ports()));
      const again = jest.fn();

      wrapper.findComponent(AsyncButtonStub).vm.$emit('click', again);
      await flushPromises();
      expect(again).toHaveBeenCalledWith(true);
      expect(go).toHaveBeenCalledWith(0);
    });

    it('a click while the panel still refreshes the repository waits for that refresh (two at once race for its resourceVersion)', async() => {
      let finishRefresh: () => void = () => undefined;

      mocked.refreshHarvesterRepository.mockImplementationOnce(() => new Promise<void>((resolve) => {
        finishRefresh = resolve;
      }));
      const { wrapper } = await render({
        admin: true, installed: '1.5.1', repository: 'found', latest: '1.6.0'
      });
      const p = ports({ findRepository: jest.fn(async() => ({ metadata: { name: 'harvester' } })) });
      const done = jest.fn();

      mocked.harvesterInstallPorts.mockReturnValue(installPorts(p));
      wrapper.findComponent(AsyncButtonStub).vm.$emit('click', done);
      await flushPromises();
      expect(p.findRepository).not.toHaveBeenCalled();
      finishRefresh();
      await flushPromises();
      expect(p.refreshRepository).toHaveBeenCalledTimes(1);
      expect(p.installChart).toHaveBeenCalledWith({ metadata: { name: 'harvester' } }, '1.6.0', 'upgrade');
      expect(done).toHaveBeenCalledWith(true);
    });

    it('no compatible version found during install turns into "no compatible version"', async() => {
      const { wrapper } = await render({
        admin: true, installed: null, repository: 'missing'
      });

      mocked.harvesterInstallPorts.mockReturnValue(installPorts(ports({ latestCompatibleVersion: jest.fn(async() => undefined) })));
      wrapper.findComponent(AsyncButtonStub).vm.$emit('click', jest.fn());
      await flushPromises();
      expect(panel(wrapper).attributes('data-state')).toBe('missingVersion');
    });
  });

  describe('state error: Rancher could not download the installed extension (its /v1/uiplugins entry is not Ready)', () => {
    beforeEach(() => {
      mocked.harvesterIndexEntry.mockResolvedValue({ version: '1.6.0', Ready: false });
    });

    it('admin: warning, the reason, the manual steps and a button to try again', async() => {
      const { wrapper } = await render({
        admin: true, installed: null, repository: 'found', latest: '1.6.0'
      });

      expect(panel(wrapper).attributes('data-state')).toBe('error');
      expect(text(wrapper, 'warning')).toBe('The automatic installation of the Harvester UI extension failed');
      expect(text(wrapper, 'detail')).toContain('could not download the files of version 1.6.0');
      expect(wrapper.find('[data-testid="harvester-extension-panel-steps"]').exists()).toBe(true);
      expect(wrapper.findComponent(AsyncButtonStub).props('mode')).toBe('install');
    });

    it('standard user: warning and "ask your administrator", no steps, no button', async() => {
      const { wrapper } = await render({
        admin: false, installed: null, repository: 'found', latest: '1.6.0'
      });

      expect(panel(wrapper).attributes('data-state')).toBe('error');
      expect(text(wrapper, 'prompt')).toMatch(/administrator/);
      expect(wrapper.find('[data-testid="harvester-extension-panel-steps"]').exists()).toBe(false);
      expect(wrapper.findComponent(AsyncButtonStub).exists()).toBe(false);
    });
  });

  it('a standard user whose repository lookup fails is not shown an error', async() => {
    mocked.canInstallExtensions.mockReturnValue(false);
    mocked.loadedHarvesterExtensionVersion.mockReturnValue(null);
    mocked.findHarvesterRepository.mockRejectedValue(new Error('No permissions'));
    const wrapper = mount(HarvesterExtensionPanel, {
      global: {
        mocks: { $store: { getters: {} }, $router: { go: jest.fn() } },
        stubs: {
          AsyncButton: AsyncButtonStub, 'router-link': RouterLinkStub, t: true
        }
      }
    });

    await flushPromises();
    expect(panel(wrapper).attributes('data-state')).toBe('install');
  });

  it('an admin whose repository lookup fails gets the error state with the manual steps', async() => {
    mocked.canInstallExtensions.mockReturnValue(true);
    mocked.loadedHarvesterExtensionVersion.mockReturnValue(null);
    mocked.findHarvesterRepository.mockRejectedValue({ status: 503, message: 'unavailable' });
    const wrapper = mount(HarvesterExtensionPanel, {
      global: {
        mocks: { $store: { getters: {} }, $router: { go: jest.fn() } },
        stubs: {
          AsyncButton: AsyncButtonStub, 'router-link': RouterLinkStub, t: true
        }
      }
    });

    await flushPromises();
    expect(panel(wrapper).attributes('data-state')).toBe('error');
    expect(wrapper.find('[data-testid="harvester-extension-panel-steps"]').exists()).toBe(true);
  });
});
