import { mount } from '@vue/test-utils';
import RegistrationStatus from '@pkg/harvester-manager/components/RegistrationStatus.vue';
import { registrationTimeline, type Condition, type RegistrationTimeline } from '@pkg/harvester-manager/domain';
import {
  activeHarvester, cond, CREATED_MS, pendingHarvester, token,
} from './support/rancher';
import type { Wrapper } from './support/wrappers';

function render(timeline: RegistrationTimeline, conditions: Condition[] = [], stateDisplay = 'Pending') {
  return mount(RegistrationStatus, {
    props: {
      timeline, conditions, stateDisplay
    },
    global: { stubs: { t: true } }
  });
}

const statuses = (w: Wrapper) => w.findAll('[data-testid^="registration-step-"]').map((li) => `${ li.attributes('data-testid')?.replace('registration-step-', '') }:${ li.attributes('data-status') }`);

describe('component: RegistrationStatus', () => {
  it('right after import: created, token ready, waiting for the agent', () => {
    const timeline = registrationTimeline({
      cluster: pendingHarvester(), token: token(), serverUrl: 'https://rancher.example.com', now: CREATED_MS + 30_000,
    });
    const wrapper = render(timeline);

    expect(statuses(wrapper)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:current', 'active:pending']);
    expect(wrapper.find('[data-testid="registration-step-agentConnected"]').text()).toContain('Harvester agent connected');
    expect(wrapper.find('[data-testid="registration-active"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid^="registration-stall-"]')).toHaveLength(0);
  });

  it('a TLS failure shows its cause (with Rancher\'s message) and the remedy', () => {
    const cluster = pendingHarvester();

    cluster.management!.metadata!.state!.message = 'x509: certificate signed by unknown authority';
    const timeline = registrationTimeline({
      cluster, token: token(), serverUrl: 'https://rancher.example.com', now: CREATED_MS + 30_000,
    });
    const stall = render(timeline).find('[data-testid="registration-stall-tlsMismatch"]');

    expect(stall.text()).toContain('The agent on Harvester does not trust Rancher\'s certificate: x509: certificate signed by unknown authority');
    expect(stall.text()).toContain('set Rancher\'s agent-tls-mode setting to system-store');
  });

  it('a server-url pointing at localhost is called out before the agent can ever connect', () => {
    const timeline = registrationTimeline({
      cluster: pendingHarvester(), token: token(), serverUrl: 'https://localhost:8443', now: CREATED_MS + 30_000,
    });

    const wrapper = render(timeline);
    const warning = wrapper.find('[data-testid="registration-stall-serverUrlLocal"]');

    expect(warning.text()).toContain('points at localhost');
    // a warning, not a failure: 30 s after Create the agent step is in progress, not "stuck"
    expect(warning.attributes('data-blocking')).toBe('false');
    expect(statuses(wrapper)).toContain('agentConnected:current');
    expect(wrapper.find('[data-testid="registration-step-agentConnected"]').text()).toContain('in progress');
  });

  it('Rancher\'s messages only of conditions not met yet: a stale "Waiting for API" on a met condition is left out', () => {
    const timeline = registrationTimeline({
      cluster: activeHarvester(), token: token(), now: CREATED_MS + 60_000
    });
    const wrapper = render(timeline, [
      {
        type: 'Waiting', status: 'True', message: 'Waiting for API to be available'
      },
      {
        type: 'Updated', status: 'False', message: 'could not update the agent'
      },
    ], 'Active');

    expect(wrapper.find('[data-testid="registration-conditions"]').text()).toContain('could not update the agent');
    expect(wrapper.text()).not.toContain('Waiting for API to be available');
  });

  it('an agent that connected and went away reads as disconnected, not stuck', () => {
    const cluster = activeHarvester();

    cluster.management!.status!.conditions = [cond('Connected', 'False', { lastUpdateTime: '2024-03-08T10:00:00Z' }), cond('Ready', 'False', { reason: 'Disconnected' })];
    const wrapper = render(registrationTimeline({
      cluster, token: token(), serverUrl: 'https://127.0.0.1:8443', now: CREATED_MS + 86_400_000, wasActive: true,
    }));

    expect(statuses(wrapper)).toContain('agentConnected:lost');
    expect(wrapper.find('[data-testid="registration-step-agentConnected"]').text()).toContain('disconnected');
    expect(wrapper.findAll('[data-testid^="registration-stall-"]').map((b) => b.attributes('data-testid'))).toEqual(['registration-stall-disconnected']);
  });

  it('an agent that never connects gets the what-to-check remedy after 10 minutes', () => {
    const timeline = registrationTimeline({
      cluster: pendingHarvester(), token: token(), serverUrl: 'https://rancher.example.com', now: CREATED_MS + 11 * 60_000,
    });
    const wrapper = render(timeline);

    expect(statuses(wrapper)).toContain('agentConnected:failed');
    expect(wrapper.find('[data-testid="registration-stall-agentNotConnecting"]').text()).toContain('Rancher\'s server-url is reachable from Harvester');
  });

  it('Active: every step done and a success banner', () => {
    const timeline = registrationTimeline({
      cluster: activeHarvester(), token: token(), now: CREATED_MS + 60_000
    });
    const wrapper = render(timeline, [], 'Active');

    expect(statuses(wrapper)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:done', 'active:done']);
    expect(wrapper.find('[data-testid="registration-active"]').text()).toContain('connected and Active');
    expect(wrapper.find('[data-testid="registration-status-state"]').text()).toBe('Active');
  });

  it('shows Rancher\'s condition messages as text', () => {
    const timeline = registrationTimeline({
      cluster: pendingHarvester(), token: token(), now: CREATED_MS
    });
    const wrapper = render(timeline, [cond('Ready', 'False', { message: '<img src=x onerror=alert(1)> waiting' }), cond('Connected', 'True')]);

    expect(wrapper.find('[data-testid="registration-conditions"]').text()).toContain('Ready: <img src=x onerror=alert(1)> waiting');
    expect(wrapper.find('[data-testid="registration-conditions"] img').exists()).toBe(false);
  });
});
