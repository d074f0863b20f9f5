import { parseSqlCacheFlag, ProfileConfigError, rancherProfile } from '../../../sim/profile';

describe('sim: Rancher profiles (SIM_RANCHER_VERSION, SIM_UI_SQL_CACHE)', () => {
  it('ui-sql-cache as each release ships it (rancher pkg/features/feature.go); resource.changes from 2.12', () => {
    expect(rancherProfile('v2.10.6')).toEqual({
      version: 'v2.10.6', minor: 10, sqlCache: false, resourceChangesMode: false
    });
    expect(rancherProfile('2.11.3')).toMatchObject({
      version: 'v2.11.3', minor: 11, sqlCache: false
    });
    expect(rancherProfile('v2.12.3')).toMatchObject({
      minor: 12, sqlCache: true, resourceChangesMode: true
    });
    expect(rancherProfile('v2.11.3', true).sqlCache).toBe(true);
  });

  it('refuses what it does not model, in one line', () => {
    expect(() => rancherProfile('v2.9.1')).toThrow(ProfileConfigError);
    expect(() => rancherProfile('v2.13.0')).toThrow(/v2\.10\.x, v2\.11\.x or v2\.12\.x/);
    expect(parseSqlCacheFlag(undefined)).toBeUndefined();
    expect(parseSqlCacheFlag(' true ')).toBe(true);
    expect(parseSqlCacheFlag('0')).toBe(false);
    expect(() => parseSqlCacheFlag('maybe')).toThrow(ProfileConfigError);
  });
});
