// Module mocks for the Import Existing / Edit Config form: shell components that either cannot be
// compiled by vue3-jest or pull in the whole shell, replaced by stand-ins with the same contract.
export const tabbed = { name: 'Tabbed', template: '<div class="tabbed"><slot /></div>' };
/** The shell's Tab: emits `active` when it is selected, as the real one does. */
export const tab = {
  name: 'Tab', props: ['name', 'label', 'weight'], emits: ['active'], template: '<section :data-tab="name"><slot /></section>'
};
export const namespaceSelect = { name: 'NamespaceSelect', template: '<div data-testid="namespace-select-stub" />' };
export const agentEnv = {
  name: 'AgentEnv', props: ['value', 'mode'], template: '<section data-tab="agentEnv" />'
};
export const labels = {
  name: 'Labels', props: ['value', 'mode'], template: '<section data-tab="labels" />'
};
export const membershipEditor = {
  __esModule:                     true,
  canViewClusterMembershipEditor: () => true,
  default:                        {
    name:     'ClusterMembershipEditor',
    props:    ['mode', 'parentId'],
    emits:    ['membership-update'],
    template: '<div data-testid="membership-editor" />',
  },
};

/** SortableTable: rows as text cells (type, reason, message), the no-rows message when empty. */
export const sortableTable = {
  name:     'SortableTable',
  props:    ['rows', 'headers', 'noRowsKey', 'loading'],
  template: `<table><tr v-for="row in rows" :key="row.id" class="event-row"><td class="type">{{ row.type }}</td><td class="reason">{{ row.reason }}</td><td class="message">{{ row.message }}</td></tr>
    <tr v-if="!rows.length && !loading"><td class="no-rows">{{ t(noRowsKey) }}</td></tr></table>`,
};
