import type { ManagementCluster, Message, ProvisioningCluster } from './types';
import { findManagementCluster, isHarvester } from './harvester-cluster';
import { LOCAL_CLUSTER, OWNER_NAME_ANNOTATION } from './resource-types';

/** Kubernetes DNS-1123 label limit; Fleet also uses the name as a label value. */
export const CLUSTER_NAME_MAX_LENGTH = 63;
export const RESERVED_CLUSTER_NAMES: readonly string[] = [LOCAL_CLUSTER];

export interface ExistingClusterName {
  name: string;
  isHarvester: boolean;
}

const K = 'harvesterManager.validation.name';
const ALLOWED = /^[a-z0-9-]$/;

function describeChar(ch: string): string {
  return /^[\x21-\x7e]$/.test(ch) ? ch : `U+${ ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0') }`;
}

/**
 * Names already taken, among the clusters this user can list: management clusters' display names
 * (what Norman's NotUnique checks on every version, 2.10 included, case-insensitively and only
 * against clusters the caller can list: rancher/rancher pkg/api/norman/store/cluster/cluster_store.go
 * canUseClusterName) and provisioning cluster names (a Steve create refuses only the same
 * namespace/name, 409 AlreadyExists; listed so a name is not shown twice in a list).
 * A name is flagged Harvester when any object carrying it is. Clusters the user cannot see are
 * not checked by Rancher either.
 */
export function existingClusterNames(
  provs: readonly ProvisioningCluster[],
  mgmts: readonly ManagementCluster[],
): ExistingClusterName[] {
  const byName = new Map<string, boolean>();
  const add = (name: string | undefined, harvester: boolean) => {
    if (name) {
      byName.set(name, (byName.get(name) || false) || harvester);
    }
  };

  for (const prov of provs) {
    const mgmt = findManagementCluster(prov, mgmts);

    add(prov.metadata?.name, isHarvester(prov, mgmt));
  }
  for (const mgmt of mgmts) {
    const ownerName = mgmt.metadata?.annotations?.[OWNER_NAME_ANNOTATION];
    const prov = provs.find((p) => p.status?.clusterName === (mgmt.id || mgmt.metadata?.name) ||
      (!!ownerName && p.metadata?.name === ownerName));

    add(mgmt.spec?.displayName, isHarvester(prov, mgmt));
  }

  return [...byName].map(([name, harvester]) => ({ name, isHarvester: harvester }));
}

/**
 * All problems with a new cluster name, most fundamental first (the UI shows the first, the
 * CLI may print all). Empty list: the name is valid and free.
 */
export function validateClusterName(
  name: string | undefined | null,
  existing: readonly ExistingClusterName[] = [],
): Message[] {
  const value = name ?? '';
  const chars = [...value];
  const errors: Message[] = [];

  if (!chars.length) {
    return [{ key: `${ K }.required` }];
  }

  if (chars.length > CLUSTER_NAME_MAX_LENGTH) {
    errors.push({ key: `${ K }.tooLong`, args: { max: CLUSTER_NAME_MAX_LENGTH, length: chars.length } });
  }
  if (value.includes('.')) {
    errors.push({ key: `${ K }.dot` });
  }
  if (/[A-Z]/.test(value)) {
    errors.push({ key: `${ K }.uppercase` });
  }
  if (/\s/u.test(value)) {
    errors.push({ key: `${ K }.whitespace` });
  }

  // Dots, ASCII uppercase and whitespace have their own message; report the rest together.
  const other = [...new Set(chars.filter((ch) => !ALLOWED.test(ch) && ch !== '.' && !/[A-Z]/.test(ch) && !/\s/u.test(ch)))];

  if (other.length) {
    errors.push({ key: `${ K }.invalidCharacters`, args: { characters: other.map(describeChar).join(' ') } });
  }

  // Start/end rules only add information when the edge character is otherwise allowed ('-').
  if (chars[0] === '-') {
    errors.push({ key: `${ K }.startAlphanumeric` });
  }
  if (chars.length > 1 && chars[chars.length - 1] === '-') {
    errors.push({ key: `${ K }.endAlphanumeric` });
  }

  if (RESERVED_CLUSTER_NAMES.includes(value.toLowerCase())) {
    errors.push({ key: `${ K }.reserved`, args: { name: value } });
  }

  // Case-insensitive: display names of clusters made elsewhere may hold uppercase, and two names
  // that differ only in case are a trap in a list.
  const taken = existing.find((e) => e.name.toLowerCase() === value.toLowerCase());

  if (taken && !RESERVED_CLUSTER_NAMES.includes(value.toLowerCase())) {
    errors.push({
      key:  taken.isHarvester ? `${ K }.duplicateHarvester` : `${ K }.duplicateOther`,
      args: { name: taken.name },
    });
  }

  return errors;
}

/** First problem only, for inputs that show one message. */
export function firstClusterNameError(name: string | undefined | null, existing?: readonly ExistingClusterName[]): Message | undefined {
  return validateClusterName(name, existing)[0];
}
