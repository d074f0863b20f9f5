import { mount } from '@vue/test-utils';
import Labels from '@shell/components/form/Labels.vue';
import { activePair } from './support/rancher';
import { clusterModel } from './support/store';

jest.mock('@shell/components/form/KeyValue.vue', () => ({
  name: 'KeyValue', props: ['value'], template: '<div />'
}));
jest.mock('@components/Form/ToggleSwitch', () => ({ ToggleSwitch: { name: 'ToggleSwitch', template: '<div />' } }));

// Edit Config's labels go through the shell's own Labels editor with our cluster model: the
// labels Rancher owns (`provider.cattle.io`, which Rancher sets again) are not offered for
// removal and are kept on save, as on the shell's own cluster form.
describe('component: the shell\'s labels editor on a Harvester cluster', () => {
  function setup() {
    const { prov, mgmt } = activePair('harv1', 'c-abcde');
    const { model } = clusterModel(prov, mgmt);

    model.metadata.labels = { 'provider.cattle.io': 'harvester', team: 'virt' };
    model.metadata.annotations = { note: 'keep', 'field.cattle.io/creatorId': 'u-abc' };
    const wrapper = mount(Labels, {
      props:  { value: model, mode: 'edit' },
      global: { mocks: { t: (k: string) => k }, stubs: { t: true } },
    });

    return { wrapper, model };
  }

  it('offers the user\'s labels only; the provider label is a system label', () => {
    const { wrapper, model } = setup();
    const [labels] = wrapper.findAllComponents({ name: 'KeyValue' });

    expect(model.systemLabels).toEqual(['provider.cattle.io']);
    expect(labels.props('value')).toEqual({ team: 'virt' });
  });

  it('removing every offered label keeps the provider label on the model that is saved', async() => {
    const { wrapper, model } = setup();
    const [labels] = wrapper.findAllComponents({ name: 'KeyValue' });

    labels.vm.$emit('update:value', {});

    expect(model.metadata.labels).toEqual({ 'provider.cattle.io': 'harvester' });
  });
});
