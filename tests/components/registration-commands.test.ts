import { flushPromises, mount } from '@vue/test-utils';
import RegistrationCommands from '@pkg/harvester-manager/components/RegistrationCommands.vue';
import { copyTextToClipboard } from '@shell/utils/clipboard';
import { registrationArtefacts } from '@pkg/harvester-manager/domain';
import { token } from './support/rancher';
import { translate, type Wrapper } from './support/wrappers';

jest.mock('@shell/utils/clipboard', () => ({ copyTextToClipboard: jest.fn(() => Promise.resolve()) }));

const URL = 'https://rancher.example.com/v3/import/n9x5kd2mq7hb2bfhvm6g8xnq4l4kzz6pw2d9cq6tbrxcptd4s9k2vs_c-abcde.yaml';

function render(manifestUrl = URL, tls: 'verify' | 'skip-verify' = 'verify') {
  const result = registrationArtefacts(token('c-abcde', { manifestUrl }), undefined, tls);

  if (!result.ok) {
    throw new Error('fixture token must be valid');
  }

  return mount(RegistrationCommands, {
    props:  { artefacts: result.value },
    global: {
      stubs: { t: true }, directives: { 'clean-tooltip': {} }, mocks: { $store: { getters: { 'i18n/t': translate, 'i18n/exists': () => true } } },
    },
  });
}

const text = (w: Wrapper, id: string) => w.find(`[data-testid="registration-${ id }-text"]`).text();

describe('component: RegistrationCommands', () => {
  beforeEach(() => (copyTextToClipboard as jest.Mock).mockClear());

  it('shows the URL, the v1.8 JSON setting values and both v0.3 commands', () => {
    const wrapper = render();

    expect(text(wrapper, 'url')).toBe(URL);
    expect(text(wrapper, 'setting-json')).toBe(`{"url":"${ URL }","insecureSkipTLSVerify":false}`);
    expect(text(wrapper, 'setting-json-insecure')).toBe(`{"url":"${ URL }","insecureSkipTLSVerify":true}`);
    expect(text(wrapper, 'apply')).toBe(`kubectl apply -f ${ URL }`);
    expect(text(wrapper, 'insecure-apply')).toBe(`curl --insecure -sfL ${ URL } | kubectl apply -f -`);
    expect(wrapper.find('[data-testid="registration-no-delete-warning"]').text()).toContain('Never run kubectl delete -f');
  });

  it.each([
    ['url', URL],
    ['setting-json', `{"url":"${ URL }","insecureSkipTLSVerify":false}`],
    ['apply', `kubectl apply -f ${ URL }`],
    ['insecure-apply', `curl --insecure -sfL ${ URL } | kubectl apply -f -`],
  ])('the copy button of %s copies exactly what is shown', async(id, expected) => {
    const wrapper = render();

    await wrapper.find(`[data-testid="registration-${ id }-copy"]`).trigger('click');
    await flushPromises();
    expect(copyTextToClipboard).toHaveBeenCalledWith(expected);
  });

  it('shows the kubectl patch commands for both setting formats, each copyable', async() => {
    const wrapper = render();
    const patch = (value: string) => `kubectl patch settings.harvesterhci.io cluster-registration-url --type merge -p '${ JSON.stringify({ value }) }'`;

    expect(text(wrapper, 'patch-json')).toBe(patch(`{"url":"${ URL }","insecureSkipTLSVerify":false}`));
    expect(text(wrapper, 'patch-json-insecure')).toBe(patch(`{"url":"${ URL }","insecureSkipTLSVerify":true}`));
    expect(text(wrapper, 'patch-plain')).toBe(patch(URL));
    await wrapper.find('[data-testid="registration-patch-plain-copy"]').trigger('click');
    await flushPromises();
    expect(copyTextToClipboard).toHaveBeenCalledWith(patch(URL));
  });

  it('recommends the TLS-verifying variants, or with a Rancher CA of its own the ones that skip verification, and says why', () => {
    const recommended = (w: Wrapper) => w.findAll('[data-testid$="-recommended"]').map((b) => b.attributes('data-testid')?.replace(/^registration-|-recommended$/g, ''));
    const verifying = render();
    const privateCa = render(URL, 'skip-verify');

    expect(recommended(verifying)).toEqual(['setting-json', 'patch-json', 'apply']);
    expect(verifying.find('[data-testid="registration-private-ca"]').exists()).toBe(false);
    expect(recommended(privateCa)).toEqual(['setting-json-insecure', 'patch-json-insecure', 'insecure-apply']);
    expect(privateCa.find('[data-testid="registration-private-ca"]').text()).toContain('certificate signed by unknown authority');
  });

  it('the copy buttons say Copy / Copied in the user\'s language (our labels, not the shell component\'s built-in English)', () => {
    const button = render().find('[data-testid="registration-url-copy"]');

    expect(button.text()).toBe('Copy');
    const labels = render().findAllComponents({ name: 'AsyncButton' }).map((b) => [b.props('actionLabel'), b.props('successLabel'), b.props('errorLabel')]);

    expect(new Set(labels.map((l) => JSON.stringify(l)))).toEqual(new Set([JSON.stringify([translate('harvesterManager.copy.action'), translate('harvesterManager.copy.success'), translate('harvesterManager.copy.error')])]));
  });

  it('a URL with shell-special characters is quoted in the commands, never pasted raw', () => {
    const odd = "https://rancher.example.com/v3/import/a'b$c_c-abcde.yaml";
    const wrapper = render(odd);

    expect(text(wrapper, 'apply')).toBe(`kubectl apply -f 'https://rancher.example.com/v3/import/a'\\''b$c_c-abcde.yaml'`);
  });

  it('offers the ways to register as alternatives (a bullet list, not numbered steps), then what to do meanwhile', () => {
    const wrapper = render();

    expect(wrapper.find('[data-testid="registration-ways-intro"]').text()).toBe('Register the Harvester cluster in one of these ways:');
    expect(wrapper.find('ol').exists()).toBe(false);
    expect(wrapper.findAll('ul.ways li').map((li) => li.text())).toEqual([
      expect.stringContaining('cluster-registration-url'),
      expect.stringContaining('kubectl patch'),
      expect.stringContaining('kubectl apply'),
    ]);
    expect(wrapper.find('[data-testid="registration-wait"]').text()).toContain('Keep this page open');
  });
});
