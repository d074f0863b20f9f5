import { chooseRegistrationSetting, isRegistrationSettingCurrent, parseRegistrationSetting } from '../../../pkg/harvester-manager/domain';

const URL = 'https://rancher.example.com/v3/import/abc_c-abcde.yaml';

describe('domain: registration-setting', () => {
  describe('chooseRegistrationSetting', () => {
    it('writes JSON from Harvester v1.7.2 on (v1.8.0 and the v1.7.2 backport)', () => {
      expect(chooseRegistrationSetting(URL, 'v1.8.0')).toEqual({
        format: 'json', value: `{"url":"${ URL }","insecureSkipTLSVerify":false}`, versionUnknown: false, insecureUnsupported: false,
      });
      expect(chooseRegistrationSetting(URL, 'v1.9.1', true).value).toBe(`{"url":"${ URL }","insecureSkipTLSVerify":true}`);
      expect(chooseRegistrationSetting(URL, 'v1.8.0-rc2').format).toBe('json');
    });

    it('writes the plain URL before v1.7.2', () => {
      expect(chooseRegistrationSetting(URL, 'v1.4.1')).toEqual({
        format: 'plain', value: URL, versionUnknown: false, insecureUnsupported: false,
      });
    });

    it('says when insecureSkipTLSVerify cannot be expressed', () => {
      expect(chooseRegistrationSetting(URL, 'v1.7.1', true)).toMatchObject({
        format: 'plain', value: URL, insecureUnsupported: true
      });
      expect(chooseRegistrationSetting(URL, 'v1.7.2', true)).toMatchObject({ format: 'json', insecureUnsupported: false });
    });

    it('falls back to the plain URL when the version is unknown', () => {
      expect(chooseRegistrationSetting(URL, undefined)).toMatchObject({
        format: 'plain', value: URL, versionUnknown: true
      });
      expect(chooseRegistrationSetting(URL, 'master-head')).toMatchObject({ format: 'plain', versionUnknown: true });
    });
  });

  describe('parseRegistrationSetting', () => {
    it('reads both forms', () => {
      expect(parseRegistrationSetting(URL)).toEqual({ url: URL, insecureSkipTLSVerify: false });
      expect(parseRegistrationSetting(` ${ URL }\n`)).toEqual({ url: URL, insecureSkipTLSVerify: false });
      expect(parseRegistrationSetting(`{"url":"${ URL }","insecureSkipTLSVerify":true}`)).toEqual({ url: URL, insecureSkipTLSVerify: true });
      expect(parseRegistrationSetting(`{"url":"${ URL }"}`)).toEqual({ url: URL, insecureSkipTLSVerify: false });
    });

    it('returns undefined for empty or unreadable values', () => {
      expect(parseRegistrationSetting('')).toBeUndefined();
      expect(parseRegistrationSetting(null)).toBeUndefined();
      expect(parseRegistrationSetting('{not json')).toBeUndefined();
      expect(parseRegistrationSetting('{"insecureSkipTLSVerify":true}')).toBeUndefined();
    });
  });

  describe('isRegistrationSettingCurrent', () => {
    it('matches the same URL and TLS choice in either form', () => {
      expect(isRegistrationSettingCurrent(URL, URL)).toBe(true);
      expect(isRegistrationSettingCurrent(`{"url":"${ URL }","insecureSkipTLSVerify":false}`, URL)).toBe(true);
      expect(isRegistrationSettingCurrent(`{"url":"${ URL }","insecureSkipTLSVerify":true}`, URL, true)).toBe(true);
    });

    it('does not match another URL, another TLS choice or an empty value', () => {
      expect(isRegistrationSettingCurrent('https://other/v3/import/x_c-zzzzz.yaml', URL)).toBe(false);
      expect(isRegistrationSettingCurrent(`{"url":"${ URL }","insecureSkipTLSVerify":true}`, URL)).toBe(false);
      expect(isRegistrationSettingCurrent('', URL)).toBe(false);
    });
  });
});
