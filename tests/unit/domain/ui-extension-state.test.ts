import {
  decideExtensionPanel, decideExtensionPanelState, EXTENSION_PANEL_STATES, HarvesterExtensionFacts, isNewerExtensionVersion, manageBlocker, manageDisabledReason,
} from '../../../pkg/harvester-manager/domain';

const facts = (f: Partial<HarvesterExtensionFacts>): HarvesterExtensionFacts => ({
  installedVersion: null, repository: 'unknown', latestCompatibleVersion: undefined, failed: false, ...f,
});

describe('domain: Harvester UI extension panel', () => {
  describe('state (upstream order: no version, error, missing repository, update, install)', () => {
    it.each([
      ['not installed, nothing known yet', facts({}), 'install'],
      ['not installed, repository offers a compatible version', facts({ repository: 'found', latestCompatibleVersion: '1.6.0' }), 'install'],
      ['not installed, repository offers no compatible version', facts({ repository: 'found', latestCompatibleVersion: null }), 'missingVersion'],
      ['no compatible version wins over an error', facts({ latestCompatibleVersion: null, failed: true }), 'missingVersion'],
      ['an automatic install failed', facts({ failed: true }), 'error'],
      ['installed, failed update', facts({
        installedVersion: '1.5.1', repository: 'found', latestCompatibleVersion: '1.6.0', failed: true
      }), 'error'],
      ['installed, repository removed', facts({ installedVersion: '1.6.0', repository: 'missing' }), 'missingRepo'],
      ['installed, repository missing even though newer exists', facts({
        installedVersion: '1.5.1', repository: 'missing', latestCompatibleVersion: '1.6.0'
      }), 'missingRepo'],
      ['installed, newer compatible version', facts({
        installedVersion: '1.5.1', repository: 'found', latestCompatibleVersion: '1.6.0'
      }), 'update'],
      ['installed, same version', facts({
        installedVersion: '1.6.0', repository: 'found', latestCompatibleVersion: '1.6.0'
      }), 'installed'],
      ['installed, repository holds only older', facts({
        installedVersion: '1.6.0', repository: 'found', latestCompatibleVersion: '1.5.1'
      }), 'installed'],
      ['installed, no compatible version in repository', facts({
        installedVersion: '1.6.0', repository: 'found', latestCompatibleVersion: null
      }), 'installed'],
      ['installed, user may not read repositories', facts({ installedVersion: '1.6.0', repository: 'unknown' }), 'installed'],
    ])('%s → %s', (_what, f, state) => {
      expect(decideExtensionPanelState(f)).toBe(state);
    });

    it('every state is reachable', () => {
      const reached = new Set([
        facts({}), facts({ latestCompatibleVersion: null }), facts({ failed: true }), facts({ installedVersion: '1', repository: 'missing' }),
        facts({
          installedVersion: '1.0.0', repository: 'found', latestCompatibleVersion: '2.0.0'
        }), facts({ installedVersion: '1.0.0', repository: 'found' }),
      ].map(decideExtensionPanelState));

      expect([...reached].sort()).toEqual([...EXTENSION_PANEL_STATES].sort());
    });
  });

  describe('what the admin and the standard user get', () => {
    it.each([
      ['install', facts({}), 'install'],
      ['update', facts({
        installedVersion: '1.5.1', repository: 'found', latestCompatibleVersion: '1.6.0'
      }), 'update'],
      ['missingRepo', facts({ installedVersion: '1.6.0', repository: 'missing' }), 'update'],
      ['missingVersion', facts({ latestCompatibleVersion: null }), null],
      ['error', facts({ failed: true }), 'install'],
    ])('%s: the admin gets %s, the standard user only a prompt', (state, f, action) => {
      const admin = decideExtensionPanel(f, true);
      const user = decideExtensionPanel(f, false);

      expect(admin).toMatchObject({
        state, visible: true, action, audience: 'admin', manualSteps: state === 'error'
      });
      expect(user).toMatchObject({
        state, visible: true, action: null, audience: 'user', manualSteps: false
      });
    });

    it('hides when the extension is installed and current', () => {
      expect(decideExtensionPanel(facts({
        installedVersion: '1.6.0', repository: 'found', latestCompatibleVersion: '1.6.0'
      }), true)).toMatchObject({
        state: 'installed', visible: false, action: null
      });
    });

    it('names the current and the new version for the update prompt', () => {
      expect(decideExtensionPanel(facts({
        installedVersion: '1.5.1', repository: 'found', latestCompatibleVersion: '1.6.0'
      }), true)).toMatchObject({ currentVersion: 'v1.5.1', newVersion: 'v1.6.0' });
    });
  });

  it('compares extension versions as semver', () => {
    expect(isNewerExtensionVersion('1.6.0', '1.5.10')).toBe(true);
    expect(isNewerExtensionVersion('1.6.0-rc1', '1.6.0')).toBe(false);
    expect(isNewerExtensionVersion('1.6.0', null)).toBe(true);
    expect(isNewerExtensionVersion(null, '1.0.0')).toBe(false);
    expect(isNewerExtensionVersion('garbage', '1.0.0')).toBe(false);
  });

  describe('Manage', () => {
    it('opens the cluster when the extension is loaded and its route exists', () => {
      expect(manageBlocker('1.6.0', true, 'installed')).toBeNull();
      expect(manageBlocker('1.5.1', true, 'update')).toBeNull();
    });

    it.each([
      [null, false, 'install', 'notInstalled'],
      [null, false, undefined, 'notInstalled'],
      [null, false, 'missingVersion', 'noCompatibleVersion'],
      [null, false, 'error', 'installFailed'],
      ['1.6.0', false, 'installed', 'notLoaded'],
    ] as const)('installed %s, route %s, panel %s → %s', (version, route, state, blocker) => {
      expect(manageBlocker(version, route, state)).toBe(blocker);
    });
  });
});

describe('domain: why Manage is disabled', () => {
  it('not Active first, then what the Harvester UI extension lacks, else enabled', () => {
    expect(manageDisabledReason(false, 'notInstalled', 'harv1')).toEqual({ key: 'harvesterManager.action.manageNotActive', args: { name: 'harv1' } });
    expect(manageDisabledReason(true, 'notInstalled', 'harv1')).toEqual({ key: 'harvesterManager.extensionPanel.manage.notInstalled', args: { name: 'harv1' } });
    expect(manageDisabledReason(true, null, 'harv1')).toBeNull();
  });
});
