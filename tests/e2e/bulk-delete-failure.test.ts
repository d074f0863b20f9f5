/**
 * Bulk delete with one failure in the middle, in the real dashboard against the simulator's full
 * state: three clusters selected, Rancher fails the DELETE of the second. Exactly the other two
 * are removed (with everything they own in Rancher, nothing else: every stored object is
 * compared), the failure is named in the guard, which stays open, and the Harvester side keeps
 * cattle-system. Retrying from the guard then deletes the one that is left, and only it.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';

import {
  clusterRow, eventually, input, listedNames, SimState, simState,
} from '../../drivers/clusters';

const SUITE = 'bulk-delete-failure';
const SELECTED = ['harvester-scale-0001', 'harvester-scale-0002', 'harvester-scale-0003'];
const FAILING = 'harvester-scale-0002';
const DELETED = SELECTED.filter((n) => n !== FAILING);

/** A stored object, as `/sim/objects` lists it: the fields the ownership rules below read. */
type KubeObject = {
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string };
  status?: { clusterName?: string };
  clusterName?: string;
  projectName?: string;
  involvedObject?: { uid?: string };
  [k: string]: unknown;
};
type Objects = Record<string, KubeObject[]>;

let session: DashboardSession;
let stack: Stack;
let page: Page;

async function objects(): Promise<Objects> {
  return (await (await fetch(`${ stack.simUrl }/sim/objects`)).json()).objects;
}

const key = (type: string, o: KubeObject) => `${ type } ${ o.metadata.namespace ? `${ o.metadata.namespace }/` : '' }${ o.metadata.name }`;

/** What Rancher removes with a provisioning cluster: it, its management cluster, what lives under it and the events about it. */
function ownedBy(all: Objects, provNames: string[]): Set<string> {
  const provs = (all['provisioning.cattle.io.cluster'] || []).filter((p) => p.metadata.namespace === 'fleet-default' && provNames.includes(p.metadata.name));
  const mgmtIds = provs.map((p) => p.status?.clusterName as string);
  const mgmtUids = (all['management.cattle.io.cluster'] || []).filter((m) => mgmtIds.includes(m.metadata.name)).map((m) => m.metadata.uid);
  const projects = (all['management.cattle.io.project'] || []).filter((p) => mgmtIds.includes(p.metadata.namespace as string)).map((p) => p.metadata.name);
  const owned = new Set<string>();

  for (const [type, list] of Object.entries(all)) {
    for (const o of list) {
      const { name, namespace } = o.metadata;

      if ((type === 'provisioning.cattle.io.cluster' && provs.includes(o)) ||
        (type === 'management.cattle.io.cluster' && mgmtIds.includes(name)) ||
        (type === 'namespace' && (mgmtIds.includes(name) || projects.includes(name))) ||
        mgmtIds.includes(namespace as string) || mgmtIds.includes(o.clusterName as string) ||
        (type === 'event' && mgmtUids.includes(o.involvedObject?.uid)) ||
        mgmtIds.some((id) => String(o.projectName || '').startsWith(`${ id }:`))) {
        owned.add(key(type, o));
      }
    }
  }

  return owned;
}

/** Objects by key, without the ones named. */
function flatten(all: Objects, without: Set<string> = new Set()): Record<string, KubeObject> {
  const out: Record<string, KubeObject> = {};

  for (const [type, list] of Object.entries(all)) {
    for (const o of list) {
      if (!without.has(key(type, o))) {
        out[key(type, o)] = o;
      }
    }
  }

  return out;
}

const harvesterOf = (state: SimState, clusterId: string) => state.harvesters.find((h) => h.history?.some((line) => line.includes(clusterId)));

beforeAll(async() => {
  session = await openDashboard({
    seedClusters: 3, user: 'admin', openList: true
  });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

test('three selected, the second DELETE fails: exactly the other two go, nothing else changes, the failure is named', async() => {
  expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod', ...SELECTED]);
  for (const name of SELECTED) {
    await clusterRow(page, name).locator('td.row-check .selection-checkbox').click();
  }
  await page.getByTestId('sortable-table-promptRemove').click();
  const dialog = page.getByTestId('harvester-delete-dialog-card');

  await dialog.waitFor();
  await input(page, 'harvester-delete-confirm-input').fill('3');

  const fault = await fetch(`${ stack.simUrl }/sim/faults`, {
    method:  'POST',
    headers: { 'content-type': 'application/json' },
    body:    JSON.stringify({
      kind: 'http', method: 'DELETE', path: `/v1/provisioning.cattle.io.clusters/fleet-default/${ FAILING }`, status: 500, message: 'etcdserver: request timed out', times: 1,
    }),
  });

  expect(fault.status).toBe(201);
  const before = await objects();
  const stateBefore = await simState(stack.simUrl);
  const owned = ownedBy(before, DELETED);
  const mgmtOf = (name: string) => stateBefore.clusters.find((c) => c.id === `fleet-default/${ name }`)?.clusterId as string;
  const deletedIds = DELETED.map(mgmtOf);
  const failingId = mgmtOf(FAILING);

  // what goes: for each deleted cluster its provisioning and management clusters, namespace, projects, token
  for (const name of DELETED) {
    const mgmtId = mgmtOf(name);

    expect([...owned]).toEqual(expect.arrayContaining([
      `provisioning.cattle.io.cluster fleet-default/${ name }`, `management.cattle.io.cluster ${ mgmtId }`, `namespace ${ mgmtId }`, `management.cattle.io.clusterregistrationtoken ${ mgmtId }/default-token`,
    ]));
  }
  expect([...owned].filter((k) => k.includes(FAILING) || k.includes(failingId))).toEqual([]);

  await page.getByTestId('harvester-delete-confirm').click();
  const failure = dialog.getByTestId('harvester-delete-failure');

  await failure.waitFor();
  expect((await failure.allInnerTexts()).map((t) => t.trim())).toEqual([
    `${ FAILING } was not deleted. Rancher failed with an internal error (HTTP 500): etcdserver: request timed out. Try again; if it keeps failing, check the Rancher server logs.`,
  ]);
  expect(await dialog.isVisible()).toBe(true);
  await screenshot(page, SUITE, '01-failure-named');

  // Rancher finishes removing the two; nothing else in its state changed.
  await eventually(async() => {
    const now = await simState(stack.simUrl) as SimState & { managementClusters: string[] };

    return DELETED.every((n) => !now.clusters.some((c) => c.id === `fleet-default/${ n }`)) && !now.managementClusters.some((id) => deletedIds.includes(id));
  }, 60_000, 'the two clusters to be removed');
  const after = await objects();

  expect(flatten(after)).toEqual(flatten(before, owned));

  // The Harvester side: the two deleted ones keep cattle-system, their agents uninstalled; the failed one is untouched.
  const stateAfter = await simState(stack.simUrl);

  for (const id of deletedIds) {
    expect(harvesterOf(stateAfter, id)?.namespaces).toContain('cattle-system');
    expect(harvesterOf(stateAfter, id)?.agent).toBeNull();
  }
  expect(harvesterOf(stateBefore, failingId)?.agent).toBeTruthy();
  expect(harvesterOf(stateAfter, failingId)).toEqual(harvesterOf(stateBefore, failingId));
  expect(stateAfter.harvesters.length).toBe(stateBefore.harvesters.length);

  await eventually(async() => (await listedNames(page)).length === 3, 30_000, 'the two rows to go');
  expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod', FAILING]);
  await screenshot(page, SUITE, '02-two-gone');
});

test('retrying from the guard sends only the failed DELETE again; it goes, the guard closes, the rest stays', async() => {
  const dialog = page.getByTestId('harvester-delete-dialog-card');
  const before = await objects();
  const owned = ownedBy(before, [FAILING]);
  const sent: string[] = [];
  const onRequest = (req: { method(): string; url(): string }) => {
    if (req.method() === 'DELETE') {
      sent.push(new URL(req.url()).pathname);
    }
  };

  page.on('request', onRequest);
  await page.getByTestId('harvester-delete-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  page.off('request', onRequest);
  expect(sent).toEqual([`/v1/provisioning.cattle.io.clusters/fleet-default/${ FAILING }`]);

  await eventually(async() => !(await simState(stack.simUrl)).clusters.some((c) => c.id === `fleet-default/${ FAILING }`), 60_000, `${ FAILING } to be removed`);
  await eventually(async() => JSON.stringify(flatten(await objects())) === JSON.stringify(flatten(before, owned)), 30_000, 'the cascade to finish');
  expect(flatten(await objects())).toEqual(flatten(before, owned));
  await eventually(async() => (await listedNames(page)).length === 2, 30_000, 'the row to go');
  expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod']);
  await screenshot(page, SUITE, '03-retried');
});
