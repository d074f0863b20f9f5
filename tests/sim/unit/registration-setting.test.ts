import { parseRegistrationSetting } from '../../../sim/harvester/registration-setting';

// harvester/harvester pkg/settings/settings_helper.go GetClusterRegistrationURLSetting: JSON from
// v1.8.0 and the v1.7.2 backport, where a value that is not JSON is a plain URL with TLS skipped.
describe('sim: how a Harvester reads cluster-registration-url', () => {
  const URL = 'https://rancher.example/v3/import/abc_c-m-12345678.yaml';

  // Branch v1.4 pkg/controller/master/setting/register.go: the controller's client skips TLS verification.
  it('before v1.7.2: a plain URL, fetched without TLS verification; a JSON value is no URL', () => {
    expect(parseRegistrationSetting('v1.7.1', URL)).toEqual({ url: URL, insecureSkipTLSVerify: true });
    expect(parseRegistrationSetting('v1.6.1', JSON.stringify({ url: URL }))).toMatchObject({ error: expect.stringContaining('v1.7.2') });
  });

  it('from v1.7.2: the JSON value, and a plain URL read with TLS verification skipped', () => {
    expect(parseRegistrationSetting('v1.7.2', JSON.stringify({ url: URL, insecureSkipTLSVerify: false }))).toEqual({ url: URL, insecureSkipTLSVerify: false });
    expect(parseRegistrationSetting('v1.8.0', JSON.stringify({ url: URL, insecureSkipTLSVerify: true }))).toEqual({ url: URL, insecureSkipTLSVerify: true });
    expect(parseRegistrationSetting('v1.7.2', URL)).toEqual({ url: URL, insecureSkipTLSVerify: true });
  });
});
