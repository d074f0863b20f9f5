import { ExtensionInstallPorts, installOrUpdateHarvesterExtension } from '../../../pkg/harvester-manager/domain';

interface Repo { name: string }

function ports(overrides: Partial<ExtensionInstallPorts<Repo>> = {}): { p: ExtensionInstallPorts<Repo>, calls: string[] } {
  const calls: string[] = [];
  const p: ExtensionInstallPorts<Repo> = {
    findRepository: async() => {
      calls.push('find');

      return { name: 'harvester' };
    },
    addRepository: async() => {
      calls.push('add');

      return { name: 'harvester' };
    },
    refreshRepository: async() => {
      calls.push('refresh');
    },
    latestCompatibleVersion: async() => {
      calls.push('version');

      return '1.6.0';
    },
    installChart:     async(_r, version, action) => calls.push(`${ action } ${ version }`),
    waitForExtension: async(version) => {
      calls.push(`wait ${ version }`);

      return true;
    },
    ...overrides,
  };

  return { p, calls };
}

const boom = (what: string) => async(): Promise<never> => {
  throw new Error(what);
};

describe('domain: one-click install / update of the Harvester UI extension', () => {
  it('install: refresh the existing repository, install the newest compatible version, wait for it', async() => {
    const { p, calls } = ports();

    expect(await installOrUpdateHarvesterExtension(p, null)).toEqual({ result: 'installed', version: '1.6.0' });
    expect(calls).toEqual(['find', 'refresh', 'version', 'install 1.6.0', 'wait 1.6.0']);
  });

  it('install: adds the repository when it is missing (no refresh: it was just downloaded)', async() => {
    const { p, calls } = ports({ findRepository: async() => undefined });

    expect(await installOrUpdateHarvesterExtension(p, null)).toEqual({ result: 'installed', version: '1.6.0' });
    expect(calls).toEqual(['add', 'version', 'install 1.6.0', 'wait 1.6.0']);
  });

  it('update: upgrades an older installed version', async() => {
    const { p, calls } = ports();

    expect(await installOrUpdateHarvesterExtension(p, '1.5.1')).toEqual({ result: 'updated', version: '1.6.0' });
    expect(calls).toContain('upgrade 1.6.0');
  });

  it('update: an index that still shows the old release right after the refresh is read again until it offers the version the panel showed', async() => {
    const answers = ['1.6.0', '1.6.0', '1.6.1'];
    const pauses: number[] = [];
    const { p, calls } = ports({
      latestCompatibleVersion: async() => {
        calls.push('version');

        return answers.shift() as string;
      },
      pause: async(ms) => {
        pauses.push(ms);
      }
    });

    expect(await installOrUpdateHarvesterExtension(p, '1.6.0', '1.6.1')).toEqual({ result: 'updated', version: '1.6.1' });
    expect(calls.filter((c) => c === 'version')).toHaveLength(3);
    expect(pauses).toEqual([2000, 2000]);
    expect(calls).toContain('upgrade 1.6.1');
  });

  it('update: it stops reading again after a few tries and says up to date', async() => {
    const pauses: number[] = [];
    const { p } = ports({
      pause: async(ms) => {
        pauses.push(ms);
      }
    });

    expect(await installOrUpdateHarvesterExtension(p, '1.6.0', '1.6.1')).toEqual({ result: 'upToDate' });
    expect(pauses).toEqual(Array(15).fill(2000)); // 30 s for the refresh to land, then it gives up
  });

  it('missing repository with nothing newer: re-adds the repository and stops', async() => {
    const { p, calls } = ports({ findRepository: async() => undefined });

    expect(await installOrUpdateHarvesterExtension(p, '1.6.0')).toEqual({ result: 'upToDate' });
    expect(calls).toEqual(['add', 'version']);
  });

  it('no compatible version: nothing is installed', async() => {
    const { p, calls } = ports({ latestCompatibleVersion: async() => undefined });

    expect(await installOrUpdateHarvesterExtension(p, null)).toEqual({ result: 'noCompatibleVersion' });
    expect(calls.some((c) => c.startsWith('install'))).toBe(false);
  });

  const failures: Array<[string, Partial<ExtensionInstallPorts<Repo>>]> = [
    ['repository', { findRepository: boom('403') }],
    ['repository', { findRepository: async(): Promise<Repo | undefined> => undefined, addRepository: boom('Failed to add Helm Chart Repository') }],
    ['refresh', { refreshRepository: boom('timeout') }],
    ['version', { latestCompatibleVersion: boom('index') }],
    ['install', { installChart: boom('500') }],
  ];

  it.each(failures)('a failure in step %s is reported with its step', async(step, overrides) => {
    const { p } = ports(overrides);
    const outcome = await installOrUpdateHarvesterExtension(p, null);

    expect(outcome).toMatchObject({
      result: 'failed', step, error: expect.any(Error)
    });
  });

  it('the extension never appearing is a failure of the wait', async() => {
    const { p } = ports({ waitForExtension: async() => false });

    expect(await installOrUpdateHarvesterExtension(p, null)).toEqual({ result: 'failed', step: 'wait' });
  });
});
