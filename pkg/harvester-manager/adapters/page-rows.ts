import type { JoinedCluster } from '../domain';

/**
 * A new page of the list keeps the row objects of the page before for the clusters still on it,
 * refreshed with what the server answered. The shell's table keeps its selection by object
 * identity (SortableTable/selection.js `pageChanged`): with fresh objects on every refresh, any
 * change Rancher reported while the user was selecting rows would silently drop the selection
 * and disable "Delete · n selected".
 */
export function keepRowIdentity<T extends { id?: string; pageJoined?: JoinedCluster; withJoined?(joined: JoinedCluster): T }>(previous: readonly T[], fresh: readonly T[]): T[] {
  const byId = new Map(previous.filter((row) => row.id).map((row) => [row.id, row]));

  return fresh.map((row) => {
    const kept = row.id ? byId.get(row.id) : undefined;

    if (!kept || kept === row) {
      return row;
    }
    // own fields only (metadata, spec, status, links…): the model's getters then read the new answer
    Object.keys(kept).forEach((key) => {
      if (!(key in row)) {
        delete (kept as Record<string, unknown>)[key];
      }
    });
    Object.assign(kept, row);
    if (row.pageJoined) {
      kept.withJoined?.({ ...row.pageJoined, provisioning: kept });
    }

    return kept;
  });
}
