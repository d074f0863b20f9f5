import {
  compareHarvesterVersions, isAtLeastHarvesterVersion, isSupportedHarvesterVersion, parseHarvesterVersion,
  usesJsonRegistrationSetting, MIN_SUPPORTED_HARVESTER_VERSION, JSON_REGISTRATION_SETTING_VERSION,
} from '../../../pkg/harvester-manager/domain';

describe('domain: harvester-version', () => {
  describe('parseHarvesterVersion', () => {
    it.each([
      ['v1.4.1', {
        major: 1, minor: 4, patch: 1, prerelease: []
      }],
      ['1.4.1', {
        major: 1, minor: 4, patch: 1, prerelease: []
      }],
      ['v1.3.0-rc1', {
        major: 1, minor: 3, patch: 0, prerelease: ['rc1']
      }],
      ['v1.5.0-rc.2', {
        major: 1, minor: 5, patch: 0, prerelease: ['rc', '2']
      }],
      ['v1.5-head', {
        major: 1, minor: 5, patch: 0, prerelease: ['head']
      }],
      ['v1.2.2+build.7', {
        major: 1, minor: 2, patch: 2, prerelease: []
      }],
      [' v10.20.30 ', {
        major: 10, minor: 20, patch: 30, prerelease: []
      }],
    ])('parses %s', (input, expected) => {
      expect(parseHarvesterVersion(input)).toEqual(expected);
    });

    it.each(['', 'master-head', 'v1', 'latest', 'v1.x.0', 'vv1.2.3', undefined, null])('refuses %p', (input) => {
      expect(parseHarvesterVersion(input)).toBeNull();
    });
  });

  describe('compareHarvesterVersions', () => {
    it.each([
      ['v1.4.1', 'v1.4.1', 0],
      ['v1.4.1', '1.4.1', 0],
      ['v1.4.1', 'v1.4.0', 1],
      ['v1.3.2', 'v1.4.0', -1],
      ['v1.10.0', 'v1.9.9', 1], // numeric, not lexical
      ['v2.0.0', 'v1.99.99', 1],
      ['v1.3.0-rc1', 'v1.3.0', -1],
      ['v1.3.0', 'v1.3.0-rc1', 1],
      ['v1.3.0-rc1', 'v1.3.0-rc2', -1],
      ['v1.3.0-rc10', 'v1.3.0-rc9', -1], // alphanumeric identifiers compare as text, per semver
      ['v1.3.0-rc.10', 'v1.3.0-rc.9', 1], // numeric identifiers compare as numbers
      ['v1.3.0-1', 'v1.3.0-rc', -1], // numeric before alphanumeric
      ['v1.3.0-rc', 'v1.3.0-rc.1', -1], // shorter set first
      ['v1.3.0-rc1', 'v1.2.9', 1],
      ['v1.4', 'v1.4.0', 0],
    ])('%s vs %s → %d', (a, b, expected) => {
      expect(compareHarvesterVersions(a, b)).toBe(expected);
      expect(compareHarvesterVersions(b, a)).toBe(expected === 0 ? 0 : -expected);
    });

    it('returns null when a side is not a version', () => {
      expect(compareHarvesterVersions('master-head', 'v1.3.0')).toBeNull();
      expect(compareHarvesterVersions('v1.3.0', undefined)).toBeNull();
    });

    it('sorts a mixed list', () => {
      const list = ['v1.4.0', 'v1.3.0', 'v1.3.0-rc1', 'v1.2.2', 'v1.4.0-rc2', 'v1.10.1'];

      expect([...list].sort((a, b) => compareHarvesterVersions(a, b) as number))
        .toEqual(['v1.2.2', 'v1.3.0-rc1', 'v1.3.0', 'v1.4.0-rc2', 'v1.4.0', 'v1.10.1']);
    });
  });

  describe('support gate (v1.3.0)', () => {
    it('uses v1.3.0 as the minimum', () => {
      expect(MIN_SUPPORTED_HARVESTER_VERSION).toBe('v1.3.0');
    });

    it.each([
      ['v1.2.2', false],
      ['v1.2.99', false],
      ['v1.3.0', true],
      ['v1.3.0-rc1', true], // the gate compares the release line, like upstream's coerced check
      ['v1.4.1', true],
      ['v2.0.0', true],
      ['v0.3.0', false],
    ])('%s supported: %s', (version, supported) => {
      expect(isSupportedHarvesterVersion(version)).toBe(supported);
    });

    it('does not decide for unknown versions', () => {
      expect(isSupportedHarvesterVersion(undefined)).toBeNull();
      expect(isSupportedHarvesterVersion('master-0a1b2c3-head')).toBeNull();
    });
  });

  // harvester/harvester settings_helper.go: JSON from v1.8.0, backported to v1.7.2
  describe('JSON registration setting (v1.7.2, v1.8.0 and later)', () => {
    it.each([
      ['v1.6.1', false],
      ['v1.7.1', false],
      ['v1.7.2', true],
      ['v1.8.0-rc1', true],
      ['v1.8.0', true],
      ['v1.9.2', true],
      [undefined, null],
    ])('%p → %p', (version, expected) => {
      expect(JSON_REGISTRATION_SETTING_VERSION).toBe('v1.7.2');
      expect(usesJsonRegistrationSetting(version)).toBe(expected);
    });

    it('isAtLeastHarvesterVersion returns null for an unparseable minimum', () => {
      expect(isAtLeastHarvesterVersion('v1.2.3', 'nope')).toBeNull();
    });
  });
});
