import { credentialClusterId, findDependants, mayHaveGuestClusters } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, guestCluster, normanCredential, rke2Cluster, steveCredentialSecret,
} from './fixtures/rancher';

describe('domain: cluster-dependants', () => {
  describe('credentialClusterId', () => {
    it('reads the Norman field', () => {
      expect(credentialClusterId(normanCredential('cc-1', 'c-abcde'))).toBe('c-abcde');
    });

    it('reads the shell model decodedData', () => {
      expect(credentialClusterId({ decodedData: { clusterId: 'c-abcde' } })).toBe('c-abcde');
    });

    it('decodes the Steve secret data', () => {
      expect(credentialClusterId(steveCredentialSecret('cc-2', 'c-m-12345678'))).toBe('c-m-12345678');
    });

    it('is undefined for other credentials', () => {
      expect(credentialClusterId({ id: 'cattle-global-data:cc-do', name: 'do' })).toBeUndefined();
      expect(credentialClusterId({ data: { 'harvestercredentialConfig-clusterId': '!!' } })).toBeUndefined();
    });
  });

  describe('findDependants', () => {
    const credentials = [
      normanCredential('cc-harv1', 'c-abcde', 'harv1-creds'),
      steveCredentialSecret('cc-harv1b', 'c-abcde', 'harv1-creds-b'),
      normanCredential('cc-other', 'c-zzzzz', 'other-creds'),
      { id: 'cattle-global-data:cc-do', name: 'do-creds' },
    ];
    const guests = [
      guestCluster('guest-a', 'cattle-global-data:cc-harv1'),
      guestCluster('guest-b', 'cattle-global-data:cc-harv1b', true), // credential on the machine pool
      guestCluster('guest-c', 'cattle-global-data:cc-other'),
      rke2Cluster().provisioning,
      activeHarvester().provisioning, // never its own guest
    ];

    it('lists credentials holding the cluster id, with their display names', () => {
      const d = findDependants('c-abcde', { cloudCredentials: credentials, guestClusters: guests });

      expect(d.cloudCredentials).toEqual({
        status: 'known',
        items:  [
          { id: 'cattle-global-data:cc-harv1', name: 'harv1-creds' },
          { id: 'cattle-global-data/cc-harv1b', name: 'harv1-creds-b' },
        ],
      });
    });

    it('lists guest clusters using those credentials, whatever the id separator', () => {
      const d = findDependants('c-abcde', { cloudCredentials: credentials, guestClusters: guests });

      expect(d.guestClusters).toEqual({
        status: 'known',
        items:  [
          { id: 'fleet-default/guest-a', name: 'guest-a' },
          { id: 'fleet-default/guest-b', name: 'guest-b' },
        ],
      });
    });

    it('known and empty when nothing depends on the cluster', () => {
      expect(findDependants('c-nothing', { cloudCredentials: credentials, guestClusters: guests })).toEqual({
        cloudCredentials: { status: 'known', items: [] },
        guestClusters:    { status: 'known', items: [] },
      });
    });

    it('unknown when credentials are not readable (guests cannot be tied without them)', () => {
      expect(findDependants('c-abcde', { cloudCredentials: null, guestClusters: guests })).toEqual({
        cloudCredentials: { status: 'unknown' },
        guestClusters:    { status: 'unknown' },
      });
      expect(findDependants('c-abcde', {})).toEqual({
        cloudCredentials: { status: 'unknown' },
        guestClusters:    { status: 'unknown' },
      });
    });

    it('guests unknown when provisioning clusters are not readable', () => {
      const d = findDependants('c-abcde', { cloudCredentials: credentials, guestClusters: null });

      expect(d.cloudCredentials.status).toBe('known');
      expect(d.guestClusters).toEqual({ status: 'unknown' });
    });

    it('matches nothing without a management id', () => {
      expect(findDependants(undefined, { cloudCredentials: credentials, guestClusters: guests }).cloudCredentials)
        .toEqual({ status: 'known', items: [] });
    });

    it('falls back to metadata for Steve secrets without annotations or ids', () => {
      const secret = steveCredentialSecret('cc-x', 'c-abcde');

      delete secret.id;
      delete secret.metadata!.annotations;
      expect(findDependants('c-abcde', { cloudCredentials: [secret] }).cloudCredentials)
        .toEqual({ status: 'known', items: [{ id: 'cattle-global-data/cc-x', name: 'cc-x' }] });
    });
  });

  describe('mayHaveGuestClusters', () => {
    const credential = (clusterId: string) => ({ id: `cattle-global-data:cc-${ clusterId }`, harvestercredentialConfig: { clusterId } });

    it('only when a credential holds one of the clusters\' ids', () => {
      expect(mayHaveGuestClusters(['c-aaaaa'], [credential('c-aaaaa')])).toBe(true);
      expect(mayHaveGuestClusters(['c-bbbbb', undefined], [credential('c-aaaaa')])).toBe(false);
      expect(mayHaveGuestClusters(['c-aaaaa'], [])).toBe(false);
      expect(mayHaveGuestClusters(['c-aaaaa'], null)).toBe(false);
    });
  });
});
