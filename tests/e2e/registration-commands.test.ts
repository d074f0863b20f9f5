/**
 * What the user copies is what runs: each registration command is copied with its copy button in
 * the real dashboard, read back from the clipboard and run with the real kubectl in a shell whose
 * KUBECONFIG points at a simulated Harvester node. With `npm start`'s self-signed certificate
 * (Rancher publishes its CA in `cacerts`) the TLS-verifying variants fail as kubectl and Harvester
 * report it, and the variants the page recommends register the cluster, Active without a reload.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { importThroughForm, openVirtualizationManagement } from '../../drivers/dashboard';
import {
  clusterRow, eventually, input, rowAction, simState,
} from '../../drivers/clusters';
import { harvesterKubeconfig, RunResult, shell } from '../integration/support/kubectl';

const SUITE = 'registration-commands';
const UNTRUSTED = 'x509: certificate signed by unknown authority';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({ user: 'admin', clipboard: true });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

/** Clicks the copy button of one registration artefact and returns what landed on the clipboard. */
async function copied(id: string): Promise<string> {
  await page.getByTestId(`registration-${ id }-copy`).click();

  return page.evaluate(() => navigator.clipboard.readText());
}

/** A simulated Harvester node: its kubeconfig, as `GET /sim/harvester/<name>/kubeconfig` serves it. */
async function harvesterNode(name: string, version: string) {
  const res = await fetch(`${ stack.simUrl }/sim/harvester`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, version }),
  });

  expect(res.status).toBe(201);

  return harvesterKubeconfig(stack.simUrl, name);
}

async function history(name: string): Promise<string> {
  return ((await simState(stack.simUrl)).harvesters.find((h) => h.name === name)?.history || []).join('\n');
}

const state = async() => (await page.getByTestId('registration-status-state').innerText()).trim();
const succeeded = (r: RunResult) => expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.any(String) });

let applyDetailUrl = '';
let applyManifestUrl = '';

test('kubectl apply -f fails on the self-signed certificate; the recommended curl --insecure command registers the cluster', async() => {
  applyManifestUrl = await importThroughForm(page, 'harv-apply');
  applyDetailUrl = page.url();
  const node = await harvesterNode('node-apply', 'v1.4.1');

  expect(await page.getByTestId('registration-private-ca').innerText()).toContain('cacerts');
  expect(await page.getByTestId('registration-insecure-apply-recommended').count()).toBe(1);
  expect(await page.getByTestId('registration-apply-recommended').count()).toBe(0);
  await page.getByTestId('registration-private-ca').scrollIntoViewIfNeeded();
  await screenshot(page, SUITE, '01-commands');

  const secure = await copied('apply');

  expect(secure).toBe(`kubectl apply -f ${ applyManifestUrl }`);
  const refused = await shell(secure, node);

  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain(UNTRUSTED);
  expect(await state()).toBe('Pending');

  const insecure = await copied('insecure-apply');
  const applied = await shell(insecure, node);

  succeeded(applied);
  expect(applied.stdout).toContain('deployment.apps/cattle-cluster-agent created');
  expect(applied.stdout).toMatch(/secret\/cattle-credentials-[0-9a-f]{10} created/);
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect(await state()).toBe('Active');
  await screenshot(page, SUITE, '02-active');
});

test('kubectl patch with the v1.8 JSON value: the verifying one fails in Harvester\'s controller, the recommended one registers', async() => {
  await importThroughForm(page, 'harv-json');
  const node = await harvesterNode('node-json', 'v1.8.0');
  const secure = await copied('patch-json');

  expect(secure).toMatch(/^kubectl patch settings\.harvesterhci\.io cluster-registration-url --type merge -p '.*"insecureSkipTLSVerify\\":false.*'$/);
  succeeded(await shell(secure, node));
  await eventually(async() => (await history('node-json')).includes(UNTRUSTED), 30_000, 'Harvester to report the untrusted certificate');
  expect(await state()).toBe('Pending');

  expect(await page.getByTestId('registration-patch-json-insecure-recommended').count()).toBe(1);
  succeeded(await shell(await copied('patch-json-insecure'), node));
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect(await state()).toBe('Active');
  expect(await history('node-json')).toContain('registration manifest applied');
});

test('kubectl patch with the plain URL registers a Harvester before v1.7.2', async() => {
  await importThroughForm(page, 'harv-plain');
  const node = await harvesterNode('node-plain', 'v1.4.1');

  succeeded(await shell(await copied('patch-plain'), node));
  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect(await state()).toBe('Active');
  await screenshot(page, SUITE, '03-plain-active');
});

test('kubectl delete -f run for real removes cattle-system and the agent, and the cluster page shows it disconnected', async() => {
  const node = await harvesterKubeconfig(stack.simUrl, 'node-apply');
  const deleted = await shell(`curl --insecure -sfL '${ applyManifestUrl }' | kubectl delete -f -`, node);

  succeeded(deleted);
  expect(deleted.stdout).toContain('namespace "cattle-system" deleted');
  const gone = await shell('kubectl get namespace cattle-system', node);

  expect(gone.stderr).toContain('namespaces "cattle-system" not found');
  await page.goto(applyDetailUrl);
  await eventually(async() => (await state()) === 'Unavailable', 60_000, 'the cluster to read Unavailable');
  await screenshot(page, SUITE, '04-deleted-with-kubectl');
});

test('a delete through the product\'s guard removes the agent but leaves cattle-system on the Harvester', async() => {
  const node = await harvesterKubeconfig(stack.simUrl, 'node-plain');

  await openVirtualizationManagement(page);
  await rowAction(page, 'harv-plain', /Delete/);
  await input(page, 'harvester-delete-confirm-input').fill('harv-plain');
  await page.getByTestId('harvester-delete-confirm').click();
  await clusterRow(page, 'harv-plain').waitFor({ state: 'detached', timeout: 30_000 });
  await eventually(async() => (await shell('kubectl -n cattle-system get deployment cattle-cluster-agent', node)).stderr.includes('not found'), 30_000, 'the agent to be removed');
  succeeded(await shell('kubectl get namespace cattle-system', node));
  expect((await shell('kubectl -n cattle-system get deployment rancher -o name', node)).stdout.trim()).toBe('deployment.apps/rancher');
});
