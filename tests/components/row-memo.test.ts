import { flushPromises } from '@vue/test-utils';
import { effect, reactive } from 'vue';
import { requestHarvesterVersion, resetHarvesterVersions } from '@pkg/harvester-manager/adapters/harvester-versions';
import { pageJoin } from '@pkg/harvester-manager/adapters/cluster-join';
import type { ShellStore } from '@pkg/harvester-manager/adapters/shell-store';
import { activePair, adminSchemas, cond, CONNECTED_CONDITIONS } from './support/rancher';
import { fakeStore, type ClusterModel } from './support/store';
import { listHeaders } from '@pkg/harvester-manager/config/table-headers';
import { AGE, NAME, STATE } from '@shell/config/table-headers';
import { get } from '@shell/utils/object';

// A list page reads every row's state and menu in one place (the shell's SortableTable: its row
// data and its bulk actions). What must hold for a version answer of one row to cost that row
// only: the rows' state decisions and menus stay the same objects while their data is the same,
// and change as soon as it is not.

const VERSIONS: Record<string, string> = {
  'c-a': 'v1.4.0', 'c-b': 'v1.5.1', 'c-c': 'v1.2.2'
};

function versionStore(): ShellStore {
  const dispatch = jest.fn(async(_action: string, { url }: { url: string }) => ({ value: VERSIONS[url.split('/')[3]] }));

  return { dispatch } as unknown as ShellStore;
}

function pageOfRows() {
  const pairs = [activePair('a', 'c-a'), activePair('b', 'c-b'), activePair('c', 'c-c')];
  const store = fakeStore({
    provs: pairs.map((p) => p.prov), mgmts: pairs.map((p) => p.mgmt), schemas: adminSchemas()
  });

  return pairs.map((p) => store.cluster(p.prov.id as string));
}

const COLUMNS = listHeaders({
  STATE, NAME, AGE
}) as { value: string }[];

/**
 * An effect reading what the table reads of each row (every column's value, as SortableTable's
 * `displayRows` does, and each menu, as its bulk actions do); returns how often it ran again.
 */
function tableLikeReader(rows: ClusterModel[]) {
  const counter = { reruns: -1 };
  const runner = effect(() => {
    const read: unknown[] = [];

    counter.reruns++;
    rows.forEach((row) => {
      COLUMNS.forEach((column) => read.push(get(row, column.value)));
      row.availableActions.forEach((action) => read.push(action.enabled));
    });
  });

  return { counter, stop: () => runner.effect.stop() };
}

describe('list rows and version answers', () => {
  beforeEach(() => resetHarvesterVersions());

  it('answers that leave the rows Active re-run nothing that read their state and menus', async() => {
    const rows = pageOfRows().slice(0, 2);
    const { counter, stop } = tableLikeReader(rows);
    const before = rows.map((row) => [row.stateDecision, row.availableActions]);
    const store = versionStore();

    rows.forEach((row) => requestHarvesterVersion(store, row.managementId));
    await flushPromises();

    expect(rows.map((row) => row.harvesterVersion)).toEqual(['v1.4.0', 'v1.5.1']);
    expect(counter.reruns).toBe(0);
    rows.forEach((row, i) => {
      expect(row.stateDecision).toBe(before[i][0]);
      expect(row.availableActions).toBe(before[i][1]);
    });
    stop();
  });

  it('an answer that makes a row Denied re-runs what read it, with the new state and without Manage', async() => {
    const rows = pageOfRows();
    const { counter, stop } = tableLikeReader(rows);
    const menuBefore = rows[2].availableActions;

    expect(menuBefore.map((a) => a.action)).toContain('goToCluster');
    rows.forEach((row) => requestHarvesterVersion(versionStore(), row.managementId));
    await flushPromises();

    expect(rows.map((row) => row.state)).toEqual(['active', 'active', 'denied']);
    expect(counter.reruns).toBeGreaterThan(0);
    expect(rows[2].availableActions).not.toBe(menuBefore);
    expect(rows[2].availableActions.map((a) => a.action)).not.toContain('goToCluster');
    stop();
  });

  it('a page row joined again (the list keeps its row objects across refreshes) shows the new join', () => {
    const { prov, mgmt } = activePair('a', 'c-a');
    const store = fakeStore({ schemas: adminSchemas() });
    // as the list holds its page: a reactive array of models each given the page's join
    const rows = reactive([store.newModel(prov)]) as unknown as ClusterModel[];

    rows[0].withJoined(pageJoin(rows[0], mgmt));
    expect(rows[0].state).toBe('active');

    const disconnected = {
      ...mgmt,
      metadata: {
        ...mgmt.metadata,
        state: {
          name: 'unavailable', error: false, message: 'Cluster agent is not connected'
        }
      },
      status: { ...mgmt.status, conditions: CONNECTED_CONDITIONS.map((c) => (c.type === 'Connected' ? cond('Connected', 'False') : c)) },
    };

    rows[0].withJoined(pageJoin(rows[0], disconnected));
    expect([rows[0].state, rows[0].stateDescription]).toEqual(['unavailable', 'Cluster agent is not connected']);
  });
});
