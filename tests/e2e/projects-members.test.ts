/**
 * Issue #5 journey 7 / #20, "Projects & members", in the real dashboard, by clicks only: as
 * `admin`, open harvester-lab (where the seeded project users are not members yet) from
 * Virtualization Management, its Projects & Members tab, and add `project-owner` as Owner and
 * `project-readonly` as Read-only to project `Default` with the shell's Add Member dialog (which
 * creates Norman projectroletemplatebindings); then log in as each and see the access Rancher gives
 * them: the cluster in Virtualization Management, read-only; on its tab only Default, where the
 * owner may add and remove members and the read-only member may not, and Rancher refuses the
 * read-only member's add and remove even when the page is forged to offer them.
 *
 * The project page lives in the shell's cluster explorer (`/c/<id>/explorer/projectsnamespaces`),
 * which loads the cluster through Rancher's proxy (`/k8s/clusters/<id>/v1`, the simulator's
 * downstream Steve). The Harvester UI extension, where Harvester's docs point for projects, shows
 * the same shell project editor; the simulator serves only a stand-in for it, whose Projects/Namespaces
 * entry leads to this page (`extension-panel.test.ts`).
 */
import type {
  Browser, BrowserContext, Locator, Page, Route
} from 'playwright-core';
import { startStack, Stack, PASSWORD } from './support/stack';
import { launchBrowser, newContext, screenshot } from '../../drivers/browser';
import { login, openVirtualizationManagement } from '../../drivers/dashboard';
import {
  clusterRow, detailMenuLabels, eventually, expectReadOnlyList, listedNames, simState
} from '../../drivers/clusters';

const SUITE = 'projects-members';

let stack: Stack;
let browser: Browser;
let labId: string;
let projectId: string;
let adminToken: string;
const userIds: Record<string, string> = {};

async function apiToken(username: string): Promise<string> {
  const res = await fetch(`${ stack.simUrl }/v1-public/login`, {
    method:  'POST',
    headers: { 'content-type': 'application/json' },
    body:    JSON.stringify({
      type: 'localProvider', username, password: PASSWORD, responseType: 'json'
    }),
  });

  expect(res.ok).toBe(true);

  return ((await res.json()) as { token: string }).token;
}

async function api<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${ stack.simUrl }${ path }`, { headers: { authorization: `Bearer ${ token }` } });

  expect(res.status).toBe(200);

  return res.json() as Promise<T>;
}

interface Binding { userId: string; roleTemplateId: string; projectId: string }

/** The project's members as Rancher's Norman API lists them: `username → role template`. */
async function members(): Promise<Record<string, string>> {
  const { data } = await api<{ data: Binding[] }>(adminToken, `/v3/projectroletemplatebindings?projectId=${ encodeURIComponent(projectId) }`);
  const names = Object.fromEntries(Object.entries(userIds).map(([name, id]) => [id, name]));

  return Object.fromEntries(data.map((b) => [names[b.userId] || b.userId, b.roleTemplateId]));
}

/** Clusters Rancher lists for this user (Steve, their own token). */
async function clustersOf(username: string): Promise<string[]> {
  const { data } = await api<{ data: { metadata: { name: string } }[] }>(await apiToken(username), '/v1/provisioning.cattle.io.clusters');

  return data.map((c) => c.metadata.name).sort();
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);

  return { context, page: await context.newPage() };
}

/** Projects/Namespaces of harvester-lab → the Default project's ⋮ menu (its labels are returned). */
async function openDefaultProjectMenu(page: Page): Promise<string[]> {
  await page.goto(`${ stack.url }/c/${ labId }/explorer/projectsnamespaces`);
  const bar = page.locator('.project-bar', { hasText: 'Default project created for the cluster' });

  await bar.waitFor();
  await bar.getByTestId('action-button').click();
  const items = page.getByRole('menuitem');

  await items.first().waitFor();

  return (await items.allInnerTexts()).map((t) => t.trim());
}

/**
 * The member editor of the open project form (Members side tab), once its bindings have loaded:
 * in edit mode its Add button shows, in view mode the members' rows do.
 */
async function openMembersTab(page: Page, editable: boolean): Promise<void> {
  await page.getByRole('tab', { name: 'Members' }).click();
  await (editable ? page.getByTestId('add-item') : page.locator('.columns.row').first()).waitFor();
}

/** The Members list rows of the open project form: `user display name → role template display name`, once every principal has loaded. */
async function memberRows(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('.columns.row');

  await eventually(async() => await page.locator('.columns.row .principal .icon-spinner').count() === 0, 20_000, 'the members\' principals');
  const out: Record<string, string> = {};

  for (const row of await rows.all()) {
    // "Project Owner (project-owner)" or "Project Owner": the display name
    const name = (await row.locator('.principal .name').innerText()).replace(/\(.*\)/, '').trim();

    out[name] = (await row.locator('.role').innerText()).trim();
  }

  return out;
}

/** Open the shell's Add Member dialog → pick the user by typing their name → choose the role → Add (the dialog closes). */
async function addMember(page: Page, opener: Locator, username: string, role: 'Owner' | 'Read Only'): Promise<void> {
  await opener.click();
  const select = page.getByTestId('cluster-member-select');

  await select.locator('input').fill(username);
  await page.locator('.vs__dropdown-option', { hasText: `(${ username })` }).click();
  await page.getByTestId('permission-options').getByText(role, { exact: true }).click();
  await screenshot(page, SUITE, `02-add-${ username }`);
  await page.locator('.prompt-rotate').getByRole('button', { name: 'Add' }).click();
  await page.locator('.prompt-rotate').waitFor({ state: 'detached' });
}

/**
 * Virtualization Management → harvester-lab → the Projects & Members tab, by clicks: the tab's
 * project rows as `project › member name → role`, once every principal has loaded.
 */
async function tenancyTab(page: Page): Promise<string[]> {
  await openVirtualizationManagement(page);
  await clusterRow(page, 'harvester-lab').locator('td.col-link-detail a').click();
  await page.getByTestId('harvester-cluster-detail').waitFor();
  await page.getByRole('tab', { name: 'Projects & Members' }).click();
  expect(page.url()).toMatch(/#tenancy$/);

  return await tenancyRows(page);
}

/** Each project group's workloads line on the open tab, by project label, once the cluster's counts are in. */
async function workloadsOf(page: Page): Promise<Record<string, string>> {
  const groups = page.getByTestId('harvester-tenancy-projects').locator('tr.group-row');

  await groups.first().getByTestId('harvester-tenancy-workloads').waitFor();
  const out: Record<string, string> = {};

  for (const group of await groups.all()) {
    const workloads = group.getByTestId('harvester-tenancy-workloads');

    out[(await group.locator('.group-tab').innerText()).trim()] = await workloads.count() ? (await workloads.innerText()).trim() : '';
  }

  return out;
}

/** The open tab's project rows as `project › member name → role`, once every principal has loaded. */
async function tenancyRows(page: Page): Promise<string[]> {
  const projects = page.getByTestId('harvester-tenancy-projects');

  await projects.locator('tbody tr.main-row').first().waitFor();
  await eventually(async() => await projects.locator('.principal .icon-spinner').count() === 0, 20_000, 'the members\' principals');
  const rows: string[] = [];

  for (const group of await projects.locator('tbody.group').all()) {
    const project = (await group.locator('tr.group-row .group-tab').innerText()).trim();

    for (const row of await group.locator('tr.main-row').all()) {
      // the Remove button's cell is what the user may do, not who the member is
      const cells = (await row.locator('td:not(:has([data-testid="harvester-tenancy-remove-member"]))').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);

      rows.push(`${ project } › ${ cells.join(' · ') }`);
    }
  }

  return rows;
}

beforeAll(async() => {
  stack = await startStack();
  browser = await launchBrowser();
  adminToken = await apiToken('admin');
  labId = (await simState(stack.simUrl)).clusters.find((c) => c.id === 'fleet-default/harvester-lab')?.clusterId as string;
  expect(labId).toMatch(/^c-/);
  const projects = await api<{ data: { metadata: { name: string }, spec: { displayName: string } }[] }>(adminToken, `/v1/management.cattle.io.projects/${ labId }`);

  projectId = `${ labId }:${ projects.data.find((p) => p.spec.displayName === 'Default')?.metadata.name }`;
  const users = await api<{ data: { id: string, username: string }[] }>(adminToken, '/v1/management.cattle.io.users');

  users.data.forEach((u) => {
    userIds[u.username] = u.id;
  });
});

afterAll(async() => {
  await browser?.close();
  await stack?.close();
});

test('before: neither user is a member of harvester-lab\'s Default project, and neither sees harvester-lab', async() => {
  expect(await members()).toEqual({});
  expect(await clustersOf('project-owner')).toEqual(['harvester-prod']);
  expect(await clustersOf('project-readonly')).toEqual(['harvester-prod']);
});

test('admin adds project-owner as Owner and project-readonly as Read-only from the cluster\'s Projects & Members tab (list → cluster → tab → Add Member)', async() => {
  const { context, page } = await newPage();

  try {
    await login(page, stack.url, 'admin');
    await tenancyTab(page);
    await screenshot(page, SUITE, '01-admin-tenancy-before');
    const addToDefault = page.getByRole('button', { name: 'Add a member to project Default' });

    await addMember(page, addToDefault, 'project-owner', 'Owner');
    await eventually(async() => (await tenancyRows(page)).some((r) => /Project Owner.* · Owner$/.test(r)), 20_000, 'project-owner on the tab');
    await addMember(page, addToDefault, 'project-readonly', 'Read Only');
    await eventually(async() => (await tenancyRows(page)).some((r) => /Project Read-only.* · Read-only$/.test(r)), 20_000, 'project-readonly on the tab');
    // the admin may remove either binding: Steve gives them its remove link
    expect(await page.getByTestId('harvester-tenancy-projects').getByTestId('harvester-tenancy-remove-member').count()).toBe(2);
    await screenshot(page, SUITE, '03-admin-members-added');
  } finally {
    await context.close();
  }

  // Rancher now holds the two bindings the dialog created ...
  expect(await members()).toEqual({ 'project-owner': 'project-owner', 'project-readonly': 'read-only' });
  // ... and gives both users harvester-lab.
  expect(await clustersOf('project-owner')).toEqual(['harvester-lab', 'harvester-prod']);
  expect(await clustersOf('project-readonly')).toEqual(['harvester-lab', 'harvester-prod']);
});

test('admin: the cluster\'s Projects & Members tab (list → cluster → tab, by clicks) shows both new members of Default with their roles', async() => {
  const { context, page } = await newPage();

  try {
    await login(page, stack.url, 'admin');
    const rows = await tenancyTab(page);

    await screenshot(page, SUITE, '04b-admin-tenancy-tab');
    expect(rows.filter((r) => r.startsWith('Default'))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Default.* › .*Project Owner.* · User · Owner$/),
      expect.stringMatching(/^Default.* › .*Project Read-only.* · User · Read-only$/),
    ]));
    expect(rows.some((r) => r.startsWith('System') && r.endsWith('No members'))).toBe(true);
    // what lives in each project on harvester-lab (the simulator's seeded workloads: Default's
    // namespaces default and lab-ci; the VM in the project-less sandbox counts for none)
    expect(await workloadsOf(page)).toEqual({
      'Default — Default project created for the cluster': '4 virtual machines · 1 image · 5 volumes',
      'System — System project created for the cluster':   '0 virtual machines · 0 images · 0 volumes',
    });

    // What can project-readonly do here? Their Read-only role in Default: view virtual machines and images
    const who = page.getByTestId('harvester-tenancy-who');

    await who.getByTestId('harvester-tenancy-who-select').locator('input').fill('project-readonly');
    await page.locator('.vs__dropdown-option', { hasText: '(project-readonly)' }).click();
    const abilities = who.getByTestId('harvester-tenancy-who-table').locator('tbody tr.main-row');

    await abilities.first().waitFor();
    expect((await abilities.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Project Default Read-only View only View only']);
    await screenshot(page, SUITE, '04c-admin-what-can-readonly-do');
  } finally {
    await context.close();
  }
});

describe.each([
  ['project-owner', 'owner'],
  ['project-readonly', 'read-only'],
])('%s', (username, kind) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async() => {
    ({ context, page } = await newPage());
    await login(page, stack.url, username);
  });
  afterAll(async() => {
    await context?.close();
  });

  test(kind === 'owner' ? 'Virtualization Management lists harvester-lab; as a Standard User the owner may import, but not edit or delete it' : 'Virtualization Management lists harvester-lab, read-only: banner, no Import, Edit Config or Delete', async() => {
    await openVirtualizationManagement(page);
    expect(await listedNames(page)).toEqual(['harvester-lab', 'harvester-prod']);
    if (kind === 'owner') {
      // rancher pkg/data/management/role_data.go addUserRules: the Standard User may create clusters
      expect(await page.getByTestId('masthead-create').count()).toBe(1);
    } else {
      await expectReadOnlyList(page);
    }
    await screenshot(page, SUITE, `05-${ kind }-list`);

    const items = await detailMenuLabels(page, 'harvester-lab');

    expect(items).not.toContain('Edit Config');
    expect(items).not.toContain('Delete');
    await screenshot(page, SUITE, `06-${ kind }-detail-menu`);
    await page.keyboard.press('Escape');
  });

  test('the cluster\'s Projects & Members tab shows only the project this user is a member of, with its members', async() => {
    const rows = await tenancyTab(page);

    await screenshot(page, SUITE, `06b-${ kind }-tenancy-tab`);
    // a project role gives no cluster role template bindings to read: the tab says so
    expect(await page.getByTestId('harvester-tenancy-cluster-members-hidden').count()).toBe(1);
    expect(rows.every((r) => r.startsWith('Default'))).toBe(true);
    // their project's workloads, as the cluster's Steve counts what their role lets them list there
    expect(await workloadsOf(page)).toEqual({ 'Default — Default project created for the cluster': '4 virtual machines · 1 image · 5 volumes' });
    expect(rows).toEqual(expect.arrayContaining([
      expect.stringMatching(/ › .*Project Owner.* · User · Owner$/),
      expect.stringMatching(/ › .*Project Read-only.* · User · Read-only$/),
    ]));
    // what each may change, as Rancher's schema and the bindings' links say: the owner adds and
    // removes Default's members, the read-only member neither
    const changes = kind === 'owner' ? 1 : 0;

    expect(await page.getByRole('button', { name: 'Add a member to project Default' }).count()).toBe(changes);
    expect(await page.getByTestId('harvester-tenancy-remove-member').count()).toBe(2 * changes);
  });

  test(kind === 'owner' ? 'the project page lets the owner edit the project and its members' : 'the project page: whatever the shell offers the read-only member, Rancher refuses a member change', async() => {
    const items = await openDefaultProjectMenu(page);

    await screenshot(page, SUITE, `07-${ kind }-project-menu`);
    if (kind === 'owner') {
      expect(items).toContain('Edit Config');
      await page.getByRole('menuitem', { name: 'Edit Config' }).click();
      await page.waitForURL(/mode=edit/);
    } else {
      // The shell offers Edit Config whenever Norman's projectroletemplatebinding schema has POST
      // (models/management.cattle.io.project.js canUpdateProjectBindings), and Rancher serves Norman
      // schemas alike to every user (rancher pkg/rbac/user_based.go): the API is what refuses.
      expect(items.some((i) => i === 'Edit Config' || i === 'View Config')).toBe(true);
      const token = await apiToken(username);
      const forged = await fetch(`${ stack.simUrl }/v3/projectroletemplatebindings`, {
        method:  'POST',
        headers: { authorization: `Bearer ${ token }`, 'content-type': 'application/json' },
        body:    JSON.stringify({
          type: 'projectRoleTemplateBinding', projectId, roleTemplateId: 'project-owner', userId: userIds['project-readonly'],
        }),
      });

      expect(forged.status).toBe(403);
      expect(await members()).toEqual({ 'project-owner': 'project-owner', 'project-readonly': 'read-only' });
      await page.keyboard.press('Escape');
      await screenshot(page, SUITE, `08-${ kind }-project-members`);

      return;
    }
    await openMembersTab(page, true);
    expect(await memberRows(page)).toEqual({ 'Project Owner': 'Project Owner', 'Project Read-only': 'Read-only' });
    expect(await page.getByTestId('add-item').count()).toBe(1);
    expect(await page.getByTestId('form-save').count()).toBe(1);
    await screenshot(page, SUITE, `08-${ kind }-project-members`);
  });
});

/** Rancher's answers rewritten as a forged page would have them: POST on the binding schema, a remove link on every binding. */
async function forgeMemberChanges(context: BrowserContext): Promise<void> {
  await context.route((url) => url.pathname === '/v1/schemas', async(route: Route) => {
    const response = await route.fetch();
    const body = await response.json() as { data: { id: string; collectionMethods: string[] }[] };

    body.data.filter((s) => s.id === 'management.cattle.io.projectroletemplatebinding').forEach((s) => s.collectionMethods.push('POST'));
    await route.fulfill({ response, json: body });
  });
  await context.route((url) => url.pathname.startsWith('/v1/management.cattle.io.projectroletemplatebindings'), async(route: Route) => {
    if (route.request().method() !== 'GET') {
      return route.continue();
    }
    const response = await route.fetch();
    const body = await response.json() as { data?: { links: Record<string, string> }[] };

    (body.data || []).forEach((b) => {
      b.links.remove = b.links.self;
    });
    await route.fulfill({ response, json: body });
  });
}

test('project-readonly on a page forged to offer Add Member and Remove: Rancher refuses both, the tab and the dialog say so, the members stay', async() => {
  const context = await newContext(browser);
  const page = await context.newPage();

  try {
    await forgeMemberChanges(context);
    await login(page, stack.url, 'project-readonly');
    await tenancyTab(page);

    // Remove project-owner's Owner role: the dialog shows Rancher's refusal and stays open
    await page.getByTestId('harvester-tenancy-projects').locator('tr.main-row', { hasText: 'Project Owner' }).getByTestId('harvester-tenancy-remove-member').click();
    const prompt = page.locator('.prompt-restore');

    await prompt.getByRole('button', { name: 'Remove' }).click();
    await prompt.locator('.banner.error', { hasText: 'You are not allowed to do this' }).waitFor();
    expect(await prompt.innerText()).toContain('cannot delete resource');
    await screenshot(page, SUITE, '09-readonly-forged-remove-refused');
    await prompt.getByRole('button', { name: 'Cancel' }).click();

    // Add themselves as Owner: the dialog closes, the tab shows Rancher's refusal
    await addMember(page, page.getByRole('button', { name: 'Add a member to project Default' }), 'project-readonly', 'Owner');
    const refusal = page.getByTestId('harvester-tenancy-change-error');

    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/Rancher did not make this change\. You are not allowed to do this.*cannot create resource/s);
    await screenshot(page, SUITE, '10-readonly-forged-add-refused');
  } finally {
    await context.close();
  }
  expect(await members()).toEqual({ 'project-owner': 'project-owner', 'project-readonly': 'read-only' });
});

test('admin changes project-readonly\'s role to Member and then removes them, from the tab, by clicks', async() => {
  const { context, page } = await newPage();

  try {
    await login(page, stack.url, 'admin');
    await tenancyTab(page);
    const readOnlyRow = () => page.getByTestId('harvester-tenancy-projects').locator('tr.main-row', { hasText: 'Project Read-only' });

    await readOnlyRow().getByTestId('harvester-tenancy-change-role').click();
    await page.getByTestId('harvester-tenancy-role-options').getByText('Member', { exact: true }).click();
    await screenshot(page, SUITE, '11-admin-change-role');
    await page.getByTestId('harvester-tenancy-change-role-save').click();
    await eventually(async() => (await tenancyRows(page)).some((r) => /Project Read-only.* · User · Member$/.test(r)), 20_000, 'project-readonly as Member on the tab');
    // Rancher holds the new role's binding and no longer the old one
    expect(await members()).toEqual({ 'project-owner': 'project-owner', 'project-readonly': 'project-member' });

    await readOnlyRow().getByTestId('harvester-tenancy-remove-member').click();
    const prompt = page.locator('.prompt-restore');

    expect(await prompt.innerText()).toContain('Remove the Member role of Project Read-only in project Default?');
    await prompt.getByRole('button', { name: 'Remove' }).click();
    await prompt.waitFor({ state: 'detached' });
    await eventually(async() => !(await tenancyRows(page)).some((r) => r.includes('Project Read-only')), 20_000, 'project-readonly gone from the tab');
    await screenshot(page, SUITE, '12-admin-removed');
  } finally {
    await context.close();
  }
  expect(await members()).toEqual({ 'project-owner': 'project-owner' });
  expect(await clustersOf('project-readonly')).toEqual(['harvester-prod']);
});
