import { CLUSTER_NAME_MAX_LENGTH, existingClusterNames, firstClusterNameError, validateClusterName } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, localCluster, mgmt, prov, rke2Cluster
} from './fixtures/rancher';

const K = 'harvesterManager.validation.name';
const keys = (name: string | null | undefined, existing?: Parameters<typeof validateClusterName>[1]) => validateClusterName(name, existing).map((e) => e.key);

describe('domain: cluster-name', () => {
  describe('valid DNS-1123 labels', () => {
    it.each(['a', '0', 'harv1', 'my-harvester', 'a-b-c', '1abc', 'abc1', 'x'.repeat(63), 'a--b'])('accepts %p', (name) => {
      expect(validateClusterName(name)).toEqual([]);
      expect(firstClusterNameError(name)).toBeUndefined();
    });
  });

  it('requires a name', () => {
    expect(validateClusterName('')).toEqual([{ key: `${ K }.required` }]);
    expect(validateClusterName(undefined)).toEqual([{ key: `${ K }.required` }]);
    expect(validateClusterName(null)).toEqual([{ key: `${ K }.required` }]);
  });

  it('limits the length to 63 and reports both limit and length', () => {
    expect(CLUSTER_NAME_MAX_LENGTH).toBe(63);
    expect(validateClusterName('x'.repeat(64))).toEqual([{ key: `${ K }.tooLong`, args: { max: 63, length: 64 } }]);
  });

  it('counts characters, not UTF-16 units, for the length', () => {
    const errors = validateClusterName(`${ 'a'.repeat(62) }😀`);

    expect(errors.find((e) => e.key === `${ K }.tooLong`)).toBeUndefined();
    expect(errors[0]).toEqual({ key: `${ K }.invalidCharacters`, args: { characters: 'U+1F600' } });
  });

  it('refuses dots with their own message (they break Fleet)', () => {
    expect(keys('harv.example')).toEqual([`${ K }.dot`]);
    expect(keys('.harv')).toEqual([`${ K }.dot`]);
  });

  it('refuses uppercase', () => {
    expect(keys('Harvester')).toEqual([`${ K }.uppercase`]);
  });

  it('refuses whitespace, including tabs, newlines and a trailing space', () => {
    expect(keys('my harv')).toEqual([`${ K }.whitespace`]);
    expect(keys('harv\t1')).toEqual([`${ K }.whitespace`]);
    expect(keys('harv\n')).toEqual([`${ K }.whitespace`]);
    expect(keys('harv ')).toEqual([`${ K }.whitespace`]);
    expect(keys('harv\u00a0x')).toEqual([`${ K }.whitespace`]);
  });

  it('names other invalid characters once each, non-ASCII as code points', () => {
    expect(validateClusterName('harv_1_x')).toEqual([{ key: `${ K }.invalidCharacters`, args: { characters: '_' } }]);
    expect(validateClusterName('héllo/wörld')).toEqual([{ key: `${ K }.invalidCharacters`, args: { characters: 'U+00E9 / U+00F6' } }]);
    expect(validateClusterName('a$b;c')).toEqual([{ key: `${ K }.invalidCharacters`, args: { characters: '$ ;' } }]);
    expect(validateClusterName('a\u0000b')).toEqual([{ key: `${ K }.invalidCharacters`, args: { characters: 'U+0000' } }]);
  });

  it('requires an alphanumeric first and last character', () => {
    expect(keys('-harv')).toEqual([`${ K }.startAlphanumeric`]);
    expect(keys('harv-')).toEqual([`${ K }.endAlphanumeric`]);
    expect(keys('-harv-')).toEqual([`${ K }.startAlphanumeric`, `${ K }.endAlphanumeric`]);
    expect(keys('-')).toEqual([`${ K }.startAlphanumeric`]);
  });

  it('returns every error, most fundamental first', () => {
    expect(keys(`-My Harv.${ 'x'.repeat(60) }_-`)).toEqual([
      `${ K }.tooLong`, `${ K }.dot`, `${ K }.uppercase`, `${ K }.whitespace`, `${ K }.invalidCharacters`,
      `${ K }.startAlphanumeric`, `${ K }.endAlphanumeric`,
    ]);
    expect(firstClusterNameError('-My')).toEqual({ key: `${ K }.uppercase` });
  });

  it('reserves local (case-insensitively), without a duplicate message on top', () => {
    expect(validateClusterName('local')).toEqual([{ key: `${ K }.reserved`, args: { name: 'local' } }]);
    expect(keys('LOCAL')).toEqual([`${ K }.uppercase`, `${ K }.reserved`]);
    expect(keys('local', [{ name: 'local', isHarvester: false }])).toEqual([`${ K }.reserved`]);
    expect(keys('local-2')).toEqual([]);
  });

  describe('existing names', () => {
    const harv = activeHarvester('harv1', 'c-abcde');
    const rke2 = rke2Cluster('do-rke2', 'c-m-4x8vwq7k');
    const local = localCluster();
    const provs = [harv.provisioning, rke2.provisioning, local.provisioning];
    const mgmts = [harv.management!, rke2.management!, local.management!];

    it('collects management display names and provisioning names with their Harvester flag', () => {
      const names = existingClusterNames(provs, mgmts);

      expect(names).toEqual(expect.arrayContaining([
        { name: 'c-abcde', isHarvester: true },
        { name: 'harv1', isHarvester: true },
        { name: 'do-rke2', isHarvester: false },
        { name: 'local', isHarvester: false },
      ]));
      expect(names).toHaveLength(4);
    });

    it('flags a name Harvester if any object carrying it is', () => {
      const m = mgmt({
        id: 'c-m-legacy01', displayName: 'shared', provider: 'harvester'
      });
      const p = prov({ name: 'shared', clusterName: 'c-m-other' });

      expect(existingClusterNames([p], [m])).toEqual([{ name: 'shared', isHarvester: true }]);
    });

    it('links a management cluster to its provisioning cluster through the owner annotation', () => {
      const p = prov({
        name: 'old', clusterName: null, labels: { 'provider.cattle.io': 'harvester' }
      });
      const m = mgmt({
        id: 'c-m-1', displayName: 'old-display', annotations: { 'objectset.rio.cattle.io/owner-name': 'old' }
      });

      expect(existingClusterNames([p], [m])).toEqual([{ name: 'old', isHarvester: true }, { name: 'old-display', isHarvester: true }]);
    });

    it('refuses a duplicate Harvester cluster name', () => {
      expect(validateClusterName('harv1', existingClusterNames(provs, mgmts)))
        .toEqual([{ key: `${ K }.duplicateHarvester`, args: { name: 'harv1' } }]);
    });

    it('refuses the name of a non-Harvester cluster with a distinct message', () => {
      expect(validateClusterName('do-rke2', existingClusterNames(provs, mgmts)))
        .toEqual([{ key: `${ K }.duplicateOther`, args: { name: 'do-rke2' } }]);
    });

    it('refuses a generated provisioning name (c-xxxxx) too', () => {
      expect(keys('c-abcde', existingClusterNames(provs, mgmts))).toEqual([`${ K }.duplicateHarvester`]);
    });

    it('compares case-insensitively and reports the existing spelling', () => {
      expect(validateClusterName('prod', [{ name: 'Prod', isHarvester: false }]))
        .toEqual([{ key: `${ K }.duplicateOther`, args: { name: 'Prod' } }]);
    });

    it('accepts a free name', () => {
      expect(validateClusterName('harv2', existingClusterNames(provs, mgmts))).toEqual([]);
    });
  });
});
