import './support/mock-tenancy-parts';
import { flushPromises, mount } from '@vue/test-utils';
import ProjectsMembers from '@pkg/harvester-manager/components/ProjectsMembers.vue';
import {
  answers, cluster, readsOf, setup, tenancySchemas, CLUSTER, PRTB, PRTBS,
} from './support/tenancy-tab';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';

// Add Member, Change role and Remove on the Projects & Members tab, offered as Rancher's schema and
// the bindings' links say; what Rancher refuses is shown where the user acted.
describe('component: changing a project\'s members from the tab', () => {
  const LINK = 'https://rancher.test/v1/management.cattle.io.projectroletemplatebindings/p-1/prtb-2';
  /** The group's read-only binding carries the remove link Steve gives a user who may delete it. */
  const removable = () => [PRTBS[0], { ...PRTBS[1], links: { remove: LINK } }];
  const refusal = (verb: string) => storeError({
    type: 'error', status: 403, code: 'Forbidden', message: `projectroletemplatebindings.management.cattle.io is forbidden: User "u-ro" cannot ${ verb } resource`,
  });

  function withDelete(deleted: () => Promise<unknown>): ActionHandler {
    const read = answers({ prtbs: { data: removable() } });

    return async(opt: { url: string; method?: string }) => (opt.method === 'delete' ? deleted() : read(opt as never));
  }

  function modals(store: ReturnType<typeof fakeStore>) {
    return store.dispatch.mock.calls.filter((c) => c[0] === 'management/promptModal').map((c) => c[1]);
  }

  it('while the reads are on their way both tables show the shell\'s loading state', async() => {
    const store = fakeStore({ schemas: tenancySchemas(), actions: { 'management/request': answers() } });
    const wrapper = mount(ProjectsMembers, { props: { cluster }, global: { mocks: { $store: store } } });
    const loading = () => wrapper.findAllComponents({ name: 'SortableTable' }).map((t) => t.props('loading'));

    expect(loading()).toEqual([true, true]);
    await flushPromises();
    expect(loading()).toEqual([false, false]);
  });

  it('Add Member opens the shell\'s dialog for that project; each role is saved on its own, a refusal is shown and the tab reloads', async() => {
    const { wrapper, store } = await setup();
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-add-member"]');

    expect(buttons).toHaveLength(2);
    await buttons[0].trigger('click');
    const [dialog] = modals(store);

    expect(dialog.component).toBe('AddProjectMemberDialog');
    expect(dialog.componentProps.projectId).toBe(`${ CLUSTER }:p-1`);
    const accepted = { save: jest.fn(async() => ({})) };
    const refused = { save: jest.fn(() => Promise.reject(refusal('create'))) };

    await dialog.componentProps.onAdd([accepted, refused]);
    await flushPromises();
    expect(accepted.save).toHaveBeenCalled();
    expect(refused.save).toHaveBeenCalled();
    const banners = wrapper.findAll('[data-testid="harvester-tenancy-change-error"]');

    expect(banners).toHaveLength(1);
    expect(banners[0].text()).toContain('Rancher did not make this change. You are not allowed to do this');
    expect(banners[0].text()).toContain('cannot create resource');
    expect(readsOf(store)).toBe(6);
  });

  it('no POST on bindings: no Add Member; a binding without a remove link: no Remove and no Remove column', async() => {
    const schemas = tenancySchemas().map((s) => (s.id === PRTB ? { ...s, collectionMethods: ['GET'] } : s));
    const { wrapper, table } = await setup({ schemas });

    expect(wrapper.findAll('[data-testid="harvester-tenancy-add-member"]')).toHaveLength(0);
    expect(wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]')).toHaveLength(0);
    expect(table('harvester-tenancy-projects')!.props('headers').map((h: { name: string }) => h.name)).toEqual(['member', 'kind', 'role']);
  });

  it('Remove asks first, naming member, role and project as text; confirming deletes through the binding\'s link and reloads', async() => {
    const { wrapper, store } = await setup({ request: withDelete(async() => ({})) });

    store.getters['rancher/byId'] = (_type: string, id: string) => (id === 'github_team://7' ? { displayName: '<img src=x onerror=alert(1)>' } : undefined);
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]');

    expect(buttons).toHaveLength(1);
    await buttons[0].trigger('click');
    const [prompt] = modals(store);

    expect(prompt.component).toBe('GenericPrompt');
    // GenericPrompt decodes the body once before rendering it as (sanitized) HTML: escaped twice it stays text
    expect(prompt.componentProps.body).toBe('Remove the Read-only role of &amp;lt;img src=x onerror=alert(1)&amp;gt; in project Default? They lose what that role lets them do there.');
    await prompt.componentProps.applyAction();
    await flushPromises();
    expect(store.dispatch).toHaveBeenCalledWith('management/request', { url: LINK, method: 'delete' });
    expect(readsOf(store)).toBe(6);
    expect(wrapper.find('[data-testid="harvester-tenancy-vanished"]').exists()).toBe(false);
  });

  it('Change role (for a removable member, when the user may add): our dialog with the member; a change that kept the old role says so and the tab reloads', async() => {
    const { wrapper, store } = await setup({ request: withDelete(async() => ({})) });
    const buttons = wrapper.findAll('[data-testid="harvester-tenancy-change-role"]');

    expect(buttons).toHaveLength(1);
    await buttons[0].trigger('click');
    const [dialog] = modals(store);

    expect(dialog.component).toBe('ChangeProjectMemberRoleDialog');
    expect(dialog.componentProps.member).toEqual({
      name: 'github_team://7', subject: { kind: 'group', id: 'github_team://7' }, roleTemplateName: 'read-only', projectId: `${ CLUSTER }:p-1`, projectName: 'Default', removeLink: LINK,
    });
    await dialog.componentProps.onDone({
      done: 1, errors: [{ key: 'harvesterManager.apiError.forbidden', args: { status: 403, detail: 'cannot delete resource' } }], vanished: false, oldRoleKept: true
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-tenancy-change-error"]').text()).toContain('The new role was given, but Rancher did not remove the old one');
    expect(readsOf(store)).toBe(6);
  });

  it('no POST on bindings: no Change role, even on a member with a remove link', async() => {
    const schemas = tenancySchemas().map((s) => (s.id === PRTB ? { ...s, collectionMethods: ['GET'] } : s));
    const { wrapper } = await setup({ schemas, request: withDelete(async() => ({})) });

    expect(wrapper.findAll('[data-testid="harvester-tenancy-remove-member"]')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid="harvester-tenancy-change-role"]')).toHaveLength(0);
  });

  it('a refused removal is shown in the dialog, which stays open; the tab does not reload', async() => {
    const { wrapper, store } = await setup({ request: withDelete(() => Promise.reject(refusal('delete'))) });

    await wrapper.find('[data-testid="harvester-tenancy-remove-member"]').trigger('click');
    const [prompt] = modals(store);

    await expect(prompt.componentProps.applyAction()).rejects.toEqual([expect.stringContaining('cannot delete resource')]);
    expect(readsOf(store)).toBe(3);
  });

  it('a binding that vanished meanwhile: removing it is no error; the tab says so and shows what Rancher holds now', async() => {
    const gone = storeError({
      type: 'error', status: 404, code: 'NotFound', message: 'projectroletemplatebindings.management.cattle.io "prtb-2" not found',
    });
    const { wrapper, store } = await setup({ request: withDelete(() => Promise.reject(gone)) });

    await wrapper.find('[data-testid="harvester-tenancy-remove-member"]').trigger('click');
    await modals(store)[0].componentProps.applyAction();
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-tenancy-vanished"]').text()).toBe('That membership had already been removed, perhaps by someone else. The list shows what Rancher holds now.');
    expect(readsOf(store)).toBe(6);
  });
});
