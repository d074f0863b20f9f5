import type { Page } from 'playwright-core';
import { clusterRow } from '../drivers/clusters';
import { LIST_PATH, ROWS } from './pages';
import { RequestMeter } from './request-meter';
import { adminApi } from './simulator';

// What the Projects & Members tab costs on a cluster with many projects and members against one
// with two: the tab reads one page of projects and every binding of that page, so its requests
// must stay a handful however many projects and bindings the cluster has. The projects and
// bindings are made through Rancher's own API as an admin would (Steve POST), not by the simulator.

const PROJECT = 'management.cattle.io.project';
const PRTB = 'management.cattle.io.projectroletemplatebinding';
const MEMBER_ROLES = ['project-owner', 'project-member', 'read-only'];

export interface TenancyFigures {
  cluster: string;
  projects: number;
  bindings: number;
  /** From the click on the tab until its first project rows show. */
  ms: number;
  requests: number;
  bytes: number;
}

/** Runs `work` over `items`, `parallel` at a time. */
async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;

  await Promise.all(Array.from({ length: parallel }, async() => {
    while (next < items.length) {
      await work(items[next++]);
    }
  }));
}

/**
 * Adds `projects` projects to the cluster named `clusterName`, each with `bindingsPerProject`
 * member bindings (distinct pairs of a seeded non-admin user and a project role, so at most 12).
 * Returns the cluster's management id.
 */
export async function seedTenancy(simUrl: string, clusterName: string, projects: number, bindingsPerProject: number): Promise<string> {
  const call = await adminApi(simUrl);
  const mgmts = await call('GET', `/v1/management.cattle.io.clusters?filter=spec.displayName=${ clusterName }`) as { data: { id: string }[] };
  const clusterId = mgmts.data[0]?.id;

  if (!clusterId) {
    throw new Error(`no management cluster is displayed as ${ clusterName }`);
  }
  const users = (await call('GET', '/v1/management.cattle.io.users') as { data: { id: string; username: string }[] }).data.filter((u) => u.username !== 'admin');
  const subjects = users.flatMap((u) => MEMBER_ROLES.map((role) => ({ userId: u.id, role }))).slice(0, bindingsPerProject);
  const created: { name: string; namespace: string }[] = [];

  await inParallel(Array.from({ length: projects }, (_, i) => i), 8, async(i) => {
    const project = await call('POST', `/v1/${ PROJECT }s`, {
      type: PROJECT, metadata: { generateName: 'p-', namespace: clusterId }, spec: { clusterName: clusterId, displayName: `bench-${ String(i).padStart(3, '0') }` },
    }) as { metadata: { name: string }; status: { backingNamespace: string } };

    // a new project's bindings live in its backing namespace (Rancher 2.9+)
    created.push({ name: project.metadata.name, namespace: project.status.backingNamespace });
  });
  const bindings = created.flatMap((project) => subjects.map((s) => ({ project, ...s })));

  await inParallel(bindings, 8, async(b) => {
    await call('POST', `/v1/${ PRTB }s`, {
      type:              PRTB,
      metadata:          { generateName: 'prtb-', namespace: b.project.namespace },
      projectName:       `${ clusterId }:${ b.project.name }`,
      userName:          b.userId,
      userPrincipalName: `local://${ b.userId }`,
      roleTemplateName:  b.role,
    });
  });

  return clusterId;
}

/** From the warm list: open the cluster's page, then measure the click on its Projects & Members tab. */
export async function measureTenancyTab(page: Page, baseUrl: string, cluster: string, projects: number, bindings: number): Promise<TenancyFigures> {
  await page.goto(`${ baseUrl }${ LIST_PATH }`);
  await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
  await clusterRow(page, cluster).locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-state').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
  const meter = new RequestMeter(page, baseUrl);

  meter.start();
  await page.getByRole('tab', { name: 'Projects & Members' }).click();
  await page.locator('[data-testid="harvester-tenancy-projects"] tbody tr.main-row').first().waitFor({ timeout: 120_000 });
  const ms = meter.elapsedMs();
  const { requests, bytes } = await meter.snapshot(ms);

  meter.stop();

  return {
    cluster, projects, bindings, ms, requests, bytes
  };
}
