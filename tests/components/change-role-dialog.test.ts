import './support/mock-dialog-parts';
import { flushPromises, mount } from '@vue/test-utils';
import ChangeRoleDialog from '@pkg/harvester-manager/dialog/ChangeProjectMemberRoleDialog.vue';
import { adminSchemas } from './support/rancher';
import { fakeStore, type ActionHandler } from './support/store';
import { storeError } from './support/store-error';
import { runFetch } from './support/wrappers';

jest.mock('@components/Form/Radio', () => ({
  RadioGroup: {
    name: 'RadioGroup', props: ['value', 'options', 'name'], emits: ['update:value'], template: '<div />',
  },
}));

// Changing a project member's role: Rancher keeps a binding's role immutable, so the dialog gives
// the new role (a new Norman binding) and then removes the old binding through its link.
const LINK = 'https://rancher.test/v1/management.cattle.io.projectroletemplatebindings/p-1/prtb-2';
const ROLE_TEMPLATE = 'management.cattle.io.roletemplate';
const member = {
  name: 'Project Read-only', subject: { kind: 'user', id: 'u-ro' }, roleTemplateName: 'read-only', projectId: 'c-abcde:p-1', projectName: 'Default', removeLink: LINK,
};
const refused = (verb: string) => storeError({
  type: 'error', status: 403, code: 'Forbidden', message: `projectroletemplatebindings.management.cattle.io is forbidden: User "u-x" cannot ${ verb } resource`
});

async function setup(opts: { save?: () => Promise<unknown>; remove?: () => Promise<unknown> } = {}) {
  const save = jest.fn(opts.save || (async() => ({})));
  const created: unknown[] = [];
  const actions: Record<string, ActionHandler> = {
    'rancher/create': async(data: never) => {
      created.push(data);

      return { save };
    },
    'management/request': async(opt: { method?: string }) => (opt.method === 'delete' ? (opts.remove || (async() => ({})))() : undefined),
    'management/findAll': async() => [
      {
        id: 'vm-operator', nameDisplay: 'VM <b>Operator</b>', context: 'project', builtin: false
      },
      {
        id: 'cluster-viewer', nameDisplay: 'Cluster Viewer', context: 'cluster', builtin: false
      },
      {
        id: 'project-owner', nameDisplay: 'Project Owner', context: 'project', builtin: true
      },
    ],
  };
  const store = fakeStore({ schemas: [...adminSchemas(), { id: ROLE_TEMPLATE }], actions });
  const onDone = jest.fn();
  const wrapper = mount(ChangeRoleDialog, { props: { member, onDone }, global: { mocks: { $store: store, $fetchState: { pending: false } } } });

  await runFetch(wrapper);
  await flushPromises();
  const radio = wrapper.findComponent({ name: 'RadioGroup' });
  const saveButton = wrapper.find('[data-testid="harvester-tenancy-change-role-save"]');
  const deletes = () => store.dispatch.mock.calls.filter((c) => c[0] === 'management/request' && c[1].method === 'delete').map((c) => c[1].url);

  return {
    wrapper, radio, saveButton, onDone, created, save, deletes
  };
}

describe('component: changing a project member\'s role', () => {
  it('offers Owner, Member, Read-only and the custom project roles, with the current role chosen and Save off until another is', async() => {
    const { radio, saveButton } = await setup();

    // the shell's radio buttons render labels as HTML: a custom role's name arrives escaped
    expect(radio.props('options').map((o: { label: string }) => o.label)).toEqual(['Owner', 'Member', 'Read-only', 'VM &lt;b&gt;Operator&lt;/b&gt;']);
    expect(radio.props('value')).toBe('read-only');
    expect(saveButton.attributes('disabled')).toBeDefined();
  });

  it('saving gives the new role, then removes the old binding, and reports the change', async() => {
    const {
      wrapper, radio, saveButton, onDone, created, deletes
    } = await setup();

    radio.vm.$emit('update:value', 'project-owner');
    await flushPromises();
    await saveButton.trigger('click');
    await flushPromises();
    expect(created).toEqual([{
      type: 'projectRoleTemplateBinding', projectId: 'c-abcde:p-1', roleTemplateId: 'project-owner', userPrincipalId: 'local://u-ro'
    }]);
    expect(deletes()).toEqual([LINK]);
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({
      done: 1, errors: [], oldRoleKept: false
    }));
    expect(wrapper.emitted('close')).toHaveLength(1);
  });

  it('a refused new role is shown in the dialog, which stays open, and the old role is kept', async() => {
    const {
      wrapper, radio, saveButton, onDone, deletes
    } = await setup({ save: () => Promise.reject(refused('create')) });

    radio.vm.$emit('update:value', 'project-owner');
    await flushPromises();
    await saveButton.trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="harvester-tenancy-change-role-error"]').text()).toContain('cannot create resource');
    expect(deletes()).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
    expect(wrapper.emitted('close')).toBeUndefined();
  });

  it('a refused removal of the old role: the change is reported as both roles held', async() => {
    const { radio, saveButton, onDone } = await setup({ remove: () => Promise.reject(refused('delete')) });

    radio.vm.$emit('update:value', 'project-member');
    await flushPromises();
    await saveButton.trigger('click');
    await flushPromises();
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({
      done: 1, oldRoleKept: true, errors: [expect.objectContaining({ key: 'harvesterManager.apiError.forbidden' })]
    }));
  });
});
