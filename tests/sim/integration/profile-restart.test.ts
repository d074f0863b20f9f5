import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSimulator } from '../../../sim/server';
import { SimClient } from '../../integration/support/sim-client';

// The profile decides stored answers (server-version, ui-sql-cache, ui-performance): a restart over
// kept state with another SIM_RANCHER_VERSION must answer as that Rancher, not the previous one.
describe('sim: a restart with another Rancher profile over kept state', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sim-profile-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers as the new profile', async() => {
    const opts = {
      port: 0, host: '127.0.0.1', dataDir, quiet: true, password: 'password1234',
    };
    const first = await startSimulator({
      ...opts, rancherVersion: 'v2.12.3', reset: true
    });

    await first.close();
    const second = await startSimulator({ ...opts, rancherVersion: 'v2.10.6' });

    try {
      const admin = await SimClient.bearerLogin(second.url, 'admin');
      const feature = (await admin.get('/v1/management.cattle.io.features/ui-sql-cache')).body;

      expect((await admin.get('/v1/management.cattle.io.settings/server-version')).body.value).toBe('v2.10.6');
      expect(feature.status.default).toBe(false);
      expect(feature.spec.value).toBeNull();
      expect(JSON.parse((await admin.get('/v1/management.cattle.io.settings/ui-performance')).body.value).serverPagination.stores).toEqual({});
    } finally {
      await second.close();
    }
  });
});
