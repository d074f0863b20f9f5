/**
 * Harvester v1.x registration in the real dashboard: the v1.8 JSON value of Harvester's
 * cluster-registration-url setting the registration view recommends (Rancher's certificate is
 * self-signed here, so the value that skips verification), pasted into the setting as Harvester's
 * UI writes it through its Kubernetes API, takes the cluster to Active without a reload.
 */
import type { Page } from 'playwright-core';
import type { Stack } from './support/stack';
import { closeDashboard, DashboardSession, openDashboard } from './support/session';
import { screenshot } from '../../drivers/browser';
import { importThroughForm } from '../../drivers/dashboard';
import { simState } from '../../drivers/clusters';

const SUITE = 'registration-setting';

let session: DashboardSession;
let stack: Stack;
let page: Page;

beforeAll(async() => {
  session = await openDashboard({ user: 'admin' });
  ({ stack, page } = session);
});

afterAll(() => closeDashboard(session));

test('the JSON setting value shown on the registration view, set on a Harvester v1.8, makes the cluster Active', async() => {
  const url = await importThroughForm(page, 'harv-setting');
  const settingText = page.getByTestId('registration-setting-json-insecure-text');

  await settingText.waitFor({ timeout: 30_000 });
  const value = (await settingText.innerText()).trim();

  // The value is the JSON form Harvester v1.8 reads: it names the shown URL.
  expect(JSON.parse(value)).toEqual({ url, insecureSkipTLSVerify: true });
  expect(await page.getByTestId('registration-setting-json-insecure-recommended').count()).toBe(1);
  expect((await page.getByTestId('registration-status-state').innerText()).trim()).toBe('Pending');
  await screenshot(page, SUITE, '01-registration');

  const created = await fetch(`${ stack.simUrl }/sim/harvester`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rack-1', version: 'v1.8.0' }),
  });

  expect(created.status).toBe(201);

  const kubeconfig = await (await fetch(`${ stack.simUrl }/sim/harvester/rack-1/kubeconfig`)).text();
  const token = /token: (\S+)/.exec(kubeconfig)?.[1];
  const patched = await fetch(`${ stack.simUrl }/sim/harvester/rack-1/k8s/apis/harvesterhci.io/v1beta1/settings/cluster-registration-url`, {
    method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json', authorization: `Bearer ${ token }` }, body: JSON.stringify({ value }),
  });

  expect(patched.status).toBe(200);

  await page.getByTestId('registration-active').waitFor({ timeout: 60_000 });
  expect((await page.getByTestId('registration-status-state').innerText()).trim()).toBe('Active');
  await screenshot(page, SUITE, '02-active');

  const rack = (await simState(stack.simUrl)).harvesters.find((h) => h.name === 'rack-1');

  expect(rack?.settings['cluster-registration-url']).toBe(value);
  expect(rack?.namespaces).toContain('cattle-system');
});
