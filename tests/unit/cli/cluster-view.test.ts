import { snapshotOf, timelineAtDeadline } from '../../../cli/cluster-status';
import {
  progressLines, renderSnapshot, snapshotDocument, stallLines, timelineLines
} from '../../../cli/cluster-view';
import { renderDeletePlan, deletePlanDocument } from '../../../cli/delete-plan-view';
import { registrationDocument, renderRegistration } from '../../../cli/registration-view';
import { planDelete, registrationArtefacts, type RegistrationArtefacts } from '../../../pkg/harvester-manager/domain';
import {
  activeHarvester, CREATED_MS, pendingHarvester, readOnlyView, token
} from '../domain/fixtures/rancher';

const HOUR = 3_600_000;

describe('cli: cluster-view', () => {
  const pending = snapshotOf(pendingHarvester(), { token: token() }, { now: CREATED_MS + 5000, serverUrl: 'https://rancher.example.com' });
  const stuck = snapshotOf(pendingHarvester(), { token: token() }, { now: CREATED_MS + HOUR, serverUrl: 'https://rancher.example.com' });
  const active = snapshotOf(activeHarvester(), { token: token(), harvesterVersion: 'v1.4.1' }, { now: CREATED_MS + HOUR, serverUrl: 'https://rancher.example.com' });

  it('timelineLines: one line per step with its status word and label', () => {
    expect(timelineLines(pending.timeline)).toEqual([
      'done     Cluster created in Rancher  (2024-03-07T15:45:25Z)',
      expect.stringMatching(/^done {5}Registration URL ready/),
      'waiting  Harvester agent connected',
      '-        Active',
    ]);
  });

  it('stallLines: cause and fix', () => {
    expect(stallLines(stuck.timeline.stalls)).toEqual([
      'Stalled: The Harvester agent has not connected within 10 minutes.',
      expect.stringMatching(/^Fix: {5}Check that the registration URL is set in Harvester's cluster-registration-url setting/),
    ]);
  });

  it('progressLines: finished steps, the state, and each stall once', () => {
    const first = progressLines(undefined, pending, CREATED_MS);

    expect(first).toEqual([
      '[5s] done: Cluster created in Rancher',
      '[5s] done: Registration URL ready',
      '[5s] state: Pending (Waiting for cluster agent to connect)',
    ]);
    expect(progressLines(pending, pending, CREATED_MS)).toEqual([]);

    const later = progressLines(pending, stuck, CREATED_MS);

    expect(later).toEqual([
      '[60m] stalled: Harvester agent connected',
      '[60m] Stalled: The Harvester agent has not connected within 10 minutes.',
      expect.stringMatching(/^\[60m\] Fix: /),
    ]);
    expect(progressLines(stuck, stuck, CREATED_MS)).toEqual([]);
    expect(progressLines(stuck, active, CREATED_MS)).toEqual([
      '[60m] done: Harvester agent connected',
      '[60m] done: Active',
      '[60m] state: Active',
    ]);
  });

  it('renderSnapshot: fields, conditions, timeline, and the registration URL only while not Active', () => {
    const text = renderSnapshot(stuck, 'https://r/v3/import/x.yaml');

    expect(text).toMatch(/^Name:\s+harv1$/m);
    expect(text).toMatch(/^State:\s+Pending/m);
    expect(text).toContain('Conditions:\n  TYPE');
    expect(text).toContain('Stalled: The Harvester agent has not connected');
    expect(text).toContain('Registration URL (Harvester setting cluster-registration-url):\n  https://r/v3/import/x.yaml');

    const activeText = renderSnapshot(active, 'https://r/v3/import/x.yaml');

    expect(activeText).toMatch(/^Harvester:\s+v1\.4\.1$/m);
    expect(activeText).not.toContain('Registration URL (');
  });

  it('snapshotDocument: a stable json shape with English texts', () => {
    expect(snapshotDocument(active)).toMatchObject({
      name: 'harv1', id: 'fleet-default/c-abcde', clusterId: 'c-abcde', state: 'active', stateLabel: 'Active', harvesterVersion: 'v1.4.1', connected: 'True', stalls: [], registrationUrl: null,
    });
    expect(snapshotDocument(stuck).stalls[0]).toEqual({
      id: 'agentNotConnecting', step: 'agentConnected', blocking: true, cause: 'The Harvester agent has not connected within 10 minutes.', remedy: expect.stringContaining('Check that'),
    });
  });

  it('a denied (unsupported) Harvester shows the support message', () => {
    const old = snapshotOf(activeHarvester(), { harvesterVersion: 'v1.2.0' }, { now: CREATED_MS });

    expect(renderSnapshot(old)).toMatch(/^Reason: +This cluster runs Harvester v1\.2\.0\. Rancher supports Harvester v1\.3\.0 and later/m);
  });
});

/** The registration artefacts of a fixture token, which must be valid. */
function artefactsOf(...args: Parameters<typeof registrationArtefacts>): RegistrationArtefacts {
  const result = registrationArtefacts(...args);

  if (!result.ok) {
    throw new Error(`fixture token must be valid: ${ result.error.key }`);
  }

  return result.value;
}

describe('cli: registration and delete plan views', () => {
  it('renderRegistration shows the URL, both JSON values and every command, recommended patch first when the version is known', () => {
    const a = artefactsOf(token());
    const text = renderRegistration('harv1', 'fleet-default/c-abcde', a);

    expect(text).toContain(`  ${ a.url }\n`);
    expect(text).toContain(a.settingValue);
    expect(text).toContain(a.settingValueInsecure);
    expect(text).toContain(a.patchCommands.json);
    expect(text).toContain(a.patchCommands.plain);
    expect(text).toContain(a.applyCommand);
    expect(text).toContain(a.insecureApplyCommand);

    const known = artefactsOf(token(), 'v1.4.1');
    const knownText = renderRegistration('harv1', 'fleet-default/c-abcde', known);

    expect(knownText).toContain(`Set it on Harvester with kubectl:\n  ${ known.patchCommands.plain }\n`);
    expect(knownText).not.toContain(known.patchCommands.json);
    expect(registrationDocument(known)).toMatchObject({ settingFormat: 'plain', recommendedPatchCommand: known.patchCommands.plain });
  });

  it('renderDeletePlan: what goes, what stays, dependants, the kubectl delete warning, what to do after', () => {
    const plan = planDelete([activeHarvester()], { cloudCredentials: [], guestClusters: [] });
    const text = renderDeletePlan(plan);

    expect(text).toContain('Delete Harvester cluster "harv1" (fleet-default/c-abcde) through the Rancher API.');
    expect(text).toContain('  - The cluster in Rancher (provisioning cluster): fleet-default/c-abcde');
    expect(text).toContain('  - cloud credentials: none');
    expect(text).toContain('The cattle-system namespace on Harvester, which Harvester needs');
    expect(text).toContain('Warning: Never run kubectl delete -f');
    expect(text).toContain(`  ${ plan.afterCommands[0] }`);
    expect(text).not.toContain('Blocked:');

    const blocked = renderDeletePlan(planDelete([readOnlyView(activeHarvester())]));

    expect(blocked).toContain('Blocked: You are not allowed to delete harv1.');
    expect(blocked).toContain('cloud credentials: unknown');
    expect(deletePlanDocument(planDelete([readOnlyView(activeHarvester())])).clusters[0].blocked).toBe('You are not allowed to delete harv1.');
  });
});

describe('cli: timelineAtDeadline', () => {
  it('brings the stall thresholds down to the cluster age, so a short wait still gets a diagnosis', () => {
    const young = snapshotOf(pendingHarvester(), { token: token() }, { now: CREATED_MS + 30_000, serverUrl: 'https://rancher.example.com' });
    const old = snapshotOf(pendingHarvester(), { token: token() }, { now: CREATED_MS + 2 * HOUR, serverUrl: 'https://rancher.example.com' });

    expect(young.timeline.stalls).toEqual([]);
    expect(timelineAtDeadline(young).stalls).toEqual([expect.objectContaining({ id: 'agentNotConnecting', cause: expect.objectContaining({ args: { minutes: 0 } }) })]);
    expect(timelineAtDeadline(old).stalls[0].cause.args).toEqual({ minutes: 120 });
  });
});
