import fs from 'fs';
import path from 'path';
import { EXT_IDS } from '../../pkg/harvester-manager/host/core-plugin-ids';
import { _MULTI } from '../../pkg/harvester-manager/host/dashboard-store-action-ids';
import { dashboardEditComponent, dashboardModel, dashboardStore } from '../../pkg/harvester-manager/host/dashboard';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The modules the extension's library build uses instead of bundling shell code the dashboard
 * already runs (pkg/harvester-manager/vue.config.js, HOST_MODULES).
 */
describe('host modules', () => {
  const globalWithWindow = global as unknown as { window?: unknown };

  afterEach(() => {
    delete globalWithWindow.window;
  });

  it('EXT_IDS are the values of the shell we build against', () => {
    const source = fs.readFileSync(path.join(ROOT, 'node_modules/@rancher/shell/core/plugin.ts'), 'utf8');
    const block = source.match(/export const EXT_IDS = \{([\s\S]*?)\} as const;/);

    expect(block).not.toBeNull();
    const shellIds = Object.fromEntries([...block![1].matchAll(/^\s*([A-Z_]+):\s*'([^']*)'/gm)].map((m) => [m[1], m[2]]));

    expect(Object.keys(shellIds).length).toBeGreaterThan(0);
    expect(EXT_IDS).toEqual(shellIds);
  });

  it('_MULTI is the value of the shell we build against', () => {
    const source = fs.readFileSync(path.join(ROOT, 'node_modules/@rancher/shell/plugins/dashboard-store/actions.js'), 'utf8');

    expect(source).toContain(`export const _MULTI = '${ _MULTI }';`);
  });

  const pkgDir = path.join(ROOT, 'pkg/harvester-manager');
  const views = () => ['edit', 'detail', 'list', 'components', 'dialog']
    .filter((d) => fs.existsSync(path.join(pkgDir, d)))
    .flatMap((d) => fs.readdirSync(path.join(pkgDir, d)).filter((f) => f.endsWith('.vue')).map((f) => path.join(pkgDir, d, f)));

  it('every CruResource in our views keeps YAML mode off (the YAML editor is not in the package)', () => {
    const cruResources = views().flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/<CruResource\b[^>]*>/g)].map((m) => ({ file, tag: m[0] })));

    expect(cruResources.length).toBeGreaterThan(0);
    for (const { file, tag } of cruResources) {
      expect(`${ path.relative(ROOT, file) }: ${ /:can-yaml="false"/.test(tag) }`).toBe(`${ path.relative(ROOT, file) }: true`);
    }
  });

  it('no view has a cron input (cron descriptions are not in the package)', () => {
    for (const file of views()) {
      expect(`${ path.relative(ROOT, file) }: ${ /type="cron"|type: 'cron'/.test(fs.readFileSync(file, 'utf8')) }`).toBe(`${ path.relative(ROOT, file) }: false`);
    }
  });

  it('hands back the class the dashboard store instantiates for a type', () => {
    class DashboardProvCluster {}
    const classify = jest.fn(() => DashboardProvCluster);

    globalWithWindow.window = { $globalApp: { $store: { getters: { 'management/classify': classify } } } };

    expect(dashboardModel('provisioning.cattle.io.cluster')).toBe(DashboardProvCluster);
    expect(classify).toHaveBeenCalledWith({ type: 'provisioning.cattle.io.cluster' });
  });

  it('says what is missing when there is no dashboard', () => {
    expect(() => dashboardStore()).toThrow(/dashboard store is not available/);
    globalWithWindow.window = { $globalApp: { $store: { getters: { 'management/classify': () => undefined } } } };
    expect(() => dashboardModel('nothing')).toThrow(/no model class for nothing/);
  });
  it('loads a shell edit component from the dashboard when it is first rendered', async() => {
    const Labels = { name: 'DashboardLabels' };
    const importComponent = jest.fn(() => Labels);
    const component = dashboardEditComponent('provisioning.cattle.io.cluster/Labels') as unknown as { __asyncLoader: () => Promise<unknown> };

    expect(importComponent).not.toHaveBeenCalled();
    globalWithWindow.window = { $globalApp: { $store: { getters: { 'type-map/importComponent': importComponent } } } };
    await expect(component.__asyncLoader()).resolves.toBe(Labels);
    expect(importComponent).toHaveBeenCalledWith('provisioning.cattle.io.cluster/Labels');
  });
});
