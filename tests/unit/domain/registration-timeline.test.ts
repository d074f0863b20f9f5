import { DEFAULT_TIMELINE_THRESHOLDS, registrationTimeline, type RegistrationTimeline, type TimelineInput } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, cond, CONNECTED_CONDITIONS, CREATED_MS, join, pendingHarvester, prov, token,
} from './fixtures/rancher';

const SERVER = 'https://rancher.example.com';
const at = (seconds: number) => CREATED_MS + seconds * 1000;
const statuses = (t: RegistrationTimeline) => t.steps.map((s) => `${ s.id }:${ s.status }`);
const stallIds = (t: RegistrationTimeline) => t.stalls.map((s) => s.id);

function run(overrides: Partial<TimelineInput> = {}): RegistrationTimeline {
  return registrationTimeline({
    cluster: pendingHarvester(), token: token(), serverUrl: SERVER, now: at(30), ...overrides
  });
}

function withTlsError(message: string) {
  const c = pendingHarvester();

  c.management!.status!.conditions = [
    ...c.management!.status!.conditions!,
    cond('Updated', 'False', { message, error: true }),
  ];

  return c;
}

function disconnected() {
  const c = activeHarvester();

  c.management!.status!.conditions = CONNECTED_CONDITIONS.map((x) => (x.type === 'Connected' ? cond('Connected', 'False', { lastUpdateTime: '2024-03-08T10:00:00Z' }) : x));

  return c;
}

describe('domain: registration-timeline', () => {
  it('has sensible default thresholds', () => {
    expect(DEFAULT_TIMELINE_THRESHOLDS).toEqual({ noTokenAfterSeconds: 60, agentNotConnectingAfterMinutes: 10 });
  });

  it('before the cluster exists: created is current, the rest pending', () => {
    const t = registrationTimeline({ cluster: null, now: at(0) });

    expect(statuses(t)).toEqual(['created:current', 'tokenReady:pending', 'agentConnected:pending', 'active:pending']);
    expect(t.stalls).toEqual([]);
    expect(t.elapsedSeconds).toBeNull();
    expect(t.state).toBeUndefined();
  });

  it('gives each step a label key', () => {
    expect(run().steps.map((s) => s.labelKey)).toEqual([
      'harvesterManager.timeline.step.created',
      'harvesterManager.timeline.step.tokenReady',
      'harvesterManager.timeline.step.agentConnected',
      'harvesterManager.timeline.step.active',
    ]);
  });

  it('created, token not loaded yet: waiting for the token, no stall', () => {
    const t = run({ token: undefined, now: at(600) });

    expect(statuses(t)).toEqual(['created:done', 'tokenReady:current', 'agentConnected:pending', 'active:pending']);
    expect(t.steps[0].at).toBe('2024-03-07T15:45:25Z');
    expect(t.stalls).toEqual([]);
  });

  it('token absent within the threshold: no stall yet', () => {
    const t = run({ token: null, now: at(59) });

    expect(statuses(t)).toEqual(['created:done', 'tokenReady:current', 'agentConnected:pending', 'active:pending']);
    expect(t.stalls).toEqual([]);
    expect(t.elapsedSeconds).toBe(59);
  });

  it('token absent past the threshold: noToken stall on the token step', () => {
    const t = run({ token: null, now: at(60) });

    expect(statuses(t)).toEqual(['created:done', 'tokenReady:failed', 'agentConnected:pending', 'active:pending']);
    expect(t.stalls).toEqual([{
      id:       'noToken',
      step:     'tokenReady',
      cause:    { key: 'harvesterManager.timeline.stall.noToken.cause', args: { seconds: 60 } },
      remedy:   { key: 'harvesterManager.timeline.stall.noToken.remedy', args: { seconds: 60 } },
      blocking: true,
    }]);
  });

  it('honours custom thresholds', () => {
    expect(stallIds(run({
      token: null, now: at(10), thresholds: { noTokenAfterSeconds: 5 }
    }))).toEqual(['noToken']);
    expect(stallIds(run({ now: at(120), thresholds: { agentNotConnectingAfterMinutes: 1 } }))).toEqual(['agentNotConnecting']);
    expect(stallIds(run({ now: at(120), thresholds: { agentNotConnectingAfterMinutes: 3 } }))).toEqual([]);
  });

  it('accepts now as a Date', () => {
    expect(run({ now: new Date(at(90)) }).elapsedSeconds).toBe(90);
  });

  it('token ready: the agent step is current', () => {
    const t = run();

    expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:current', 'active:pending']);
    expect(t.steps[1].at).toBe('2024-03-07T15:45:27Z');
    expect(t.stalls).toEqual([]);
    expect(t.state).toBe('pending');
  });

  it('agent not connecting past the threshold: stall with the minutes', () => {
    const before = run({ now: at(10 * 60 - 1) });
    const after = run({ now: at(10 * 60) });

    expect(before.stalls).toEqual([]);
    expect(statuses(after)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:failed', 'active:pending']);
    expect(after.stalls).toEqual([{
      id:       'agentNotConnecting',
      step:     'agentConnected',
      cause:    { key: 'harvesterManager.timeline.stall.agentNotConnecting.cause', args: { minutes: 10 } },
      remedy:   { key: 'harvesterManager.timeline.stall.agentNotConnecting.remedy', args: { minutes: 10 } },
      blocking: true,
    }]);
  });

  describe('server-url', () => {
    it('unset: stall at once, attached to the token step while there is no usable token', () => {
      const t = run({
        serverUrl: '', token: null, now: at(1)
      });

      expect(stallIds(t)).toEqual(['serverUrlUnset']);
      expect(t.stalls[0].step).toBe('tokenReady');
      expect(statuses(t)).toContain('tokenReady:failed');
      expect(stallIds(run({ serverUrl: null, now: at(1) }))).toEqual(['serverUrlUnset']);
    });

    it('unset with a token: the agent step fails', () => {
      const t = run({ serverUrl: null, now: at(1) });

      expect(t.stalls[0].step).toBe('agentConnected');
      expect(statuses(t)).toContain('agentConnected:failed');
    });

    it('unknown (not readable): no server-url stall', () => {
      expect(stallIds(run({ serverUrl: undefined }))).toEqual([]);
    });

    it.each([
      'https://localhost', 'https://localhost:8443', 'https://127.0.0.1', 'https://[::1]:8443', 'http://0.0.0.0',
    ])('%s: Harvester cannot reach it: a warning at once, the step stuck only past its threshold', (serverUrl) => {
      const t = run({ serverUrl, now: at(1) });

      expect(stallIds(t)).toEqual(['serverUrlLocal']);
      expect(t.stalls[0].cause.key).toBe('harvesterManager.timeline.stall.serverUrlLocal.cause');
      expect(t.stalls[0].remedy.key).toBe('harvesterManager.timeline.stall.serverUrlLocal.remedy');
      expect(t.stalls[0].cause.args?.serverUrl).toBe(serverUrl);
      expect(t.stalls[0].blocking).toBe(false);
      // one second after Create the agent step is in progress, not "stuck"
      expect(statuses(t)).toContain('agentConnected:current');
      const overdue = run({ serverUrl, now: at(10 * 60) });

      expect(overdue.stalls.map((x) => [x.id, x.blocking])).toEqual([['serverUrlLocal', true], ['agentNotConnecting', true]]);
      expect(statuses(overdue)).toContain('agentConnected:failed');
    });

    it('falls back to the manifest URL host when the setting is unreadable', () => {
      const t = run({ serverUrl: undefined, token: token('c-abcde', { manifestUrl: 'https://127.0.0.1/v3/import/x_c-abcde.yaml' }) });

      expect(stallIds(t)).toEqual(['serverUrlLocal']);
      expect(t.stalls[0].cause.args).toEqual({ serverUrl: 'https://127.0.0.1/v3/import/x_c-abcde.yaml', host: '127.0.0.1' });
    });

    it('is not reported once the agent is connected', () => {
      expect(stallIds(run({ cluster: activeHarvester(), serverUrl: 'https://localhost' }))).toEqual([]);
      expect(stallIds(run({ cluster: activeHarvester(), serverUrl: '' }))).toEqual([]);
    });
  });

  describe('TLS / CA mismatch', () => {
    it.each([
      'Post "https://rancher.example.com/v3/connect": x509: certificate signed by unknown authority',
      'tls: failed to verify certificate: x509: certificate has expired or is not yet valid',
      'certificate signed by unknown authority',
      'configured cacerts checksum does not match',
      'CA checksum mismatch',
    ])('recognises %j', (message) => {
      const t = run({ cluster: withTlsError(message) });

      expect(stallIds(t)).toEqual(['tlsMismatch']);
      expect(t.stalls[0]).toEqual({
        id:       'tlsMismatch',
        step:     'agentConnected',
        cause:    { key: 'harvesterManager.timeline.stall.tlsMismatch.cause', args: { message } },
        remedy:   { key: 'harvesterManager.timeline.stall.tlsMismatch.remedy', args: { message } },
        blocking: true,
      });
      expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:failed', 'active:pending']);
    });

    it('reads the provisioning cluster and state messages too', () => {
      const c = pendingHarvester();

      c.provisioning.status!.conditions = [cond('Ready', 'False', { message: 'x509: certificate is valid for a, not b' })];
      expect(stallIds(run({ cluster: c }))).toEqual(['tlsMismatch']);

      const d = pendingHarvester();

      d.management!.metadata!.state!.message = 'x509: certificate signed by unknown authority';
      expect(stallIds(run({ cluster: d }))).toEqual(['tlsMismatch']);
    });

    it('ignores unrelated messages', () => {
      expect(stallIds(run({ cluster: withTlsError('Waiting for API to be available') }))).toEqual([]);
    });

    it('comes first when several causes apply', () => {
      expect(stallIds(run({
        cluster: withTlsError('x509: bad'), serverUrl: 'https://localhost', now: at(3600)
      })))
        .toEqual(['tlsMismatch', 'serverUrlLocal', 'agentNotConnecting']);
    });
  });

  it('active: every step done with Rancher timestamps, no stalls', () => {
    const t = run({ cluster: activeHarvester(), now: at(3600) });

    expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:done', 'active:done']);
    expect(t.steps[2].at).toBe('2024-03-07T15:52:29Z');
    expect(t.steps[3].at).toBe('2024-03-07T15:52:44Z');
    expect(t.stalls).toEqual([]);
    expect(t.state).toBe('active');
  });

  it('connected without a readable token: the token step is done anyway', () => {
    expect(statuses(run({
      cluster: activeHarvester(), token: null, now: at(3600)
    })))
      .toEqual(['created:done', 'tokenReady:done', 'agentConnected:done', 'active:done']);
  });

  it('denied Harvester (version passed in): the active step fails, no stall', () => {
    const t = registrationTimeline({
      cluster: activeHarvester(), token: token(), now: at(60), harvesterVersion: 'v1.2.2'
    });

    expect(t.state).toBe('denied');
    expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:done', 'active:failed']);
    expect(t.stalls).toEqual([]);
  });

  it('error reported by Rancher before connecting leaves the agent step current', () => {
    const c = pendingHarvester();

    c.management!.metadata!.state = {
      name: 'pending', error: true, message: 'boom'
    };
    const t = run({ cluster: c });

    expect(t.state).toBe('error');
    expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:current', 'active:pending']);
  });

  it('removing: reports the state so the view can stop showing registration', () => {
    const c = pendingHarvester();

    c.provisioning.metadata!.deletionTimestamp = '2024-03-07T16:00:00Z';
    expect(run({ cluster: c }).state).toBe('removing');
  });

  describe('disconnected after being active', () => {
    it('Connected=False: disconnected stall with the time, the agent step reads disconnected (not stuck)', () => {
      const t = run({ cluster: disconnected(), now: at(86400) });

      expect(statuses(t)).toEqual(['created:done', 'tokenReady:done', 'agentConnected:lost', 'active:pending']);
      expect(t.stalls).toEqual([{
        id:       'disconnected',
        step:     'agentConnected',
        cause:    { key: 'harvesterManager.timeline.stall.disconnected.cause', args: { since: '2024-03-08T10:00:00Z' } },
        remedy:   { key: 'harvesterManager.timeline.stall.disconnected.remedy', args: { since: '2024-03-08T10:00:00Z' } },
        blocking: true,
      }]);
      expect(t.state).toBe('unavailable');
    });

    it('does not blame a loopback server-url the agent did connect through', () => {
      expect(stallIds(run({
        cluster: disconnected(), serverUrl: 'https://127.0.0.1:8443', now: at(86400)
      }))).toEqual(['disconnected']);
    });

    it('replaces the not-connecting stall (the agent did connect once)', () => {
      expect(stallIds(run({
        cluster: disconnected(), now: at(86400), token: null
      }))).toEqual(['disconnected']);
    });

    it('wasActive covers the moment before Rancher writes Connected=False', () => {
      const t = run({
        cluster: pendingHarvester(), wasActive: true, now: at(5)
      });

      expect(stallIds(t)).toEqual(['disconnected']);
      expect(t.stalls[0].cause.args).toEqual({ since: '' });
    });
  });

  it('without a creation timestamp there are no time-based stalls', () => {
    const c = join(prov({ state: { name: 'pending' } }));

    delete c.provisioning.metadata!.creationTimestamp;
    const t = registrationTimeline({
      cluster: c, token: null, now: at(99999)
    });

    expect(t.elapsedSeconds).toBeNull();
    expect(t.stalls).toEqual([]);
  });

  it('a clock behind the creation time does not give negative ages', () => {
    expect(run({ now: at(-30) }).elapsedSeconds).toBe(0);
  });
});
