import { clustersToSend, deleteRoundOutcome, NO_DELETE_ROUNDS, type DeleteResult } from '../../../pkg/harvester-manager/domain';

const notFound = { key: 'harvesterManager.apiError.notFound', args: {} };
const forbidden = { key: 'harvesterManager.apiError.forbidden', args: {} };
const clusters = ['fleet-default/a', 'fleet-default/b', 'fleet-default/c'].map((id) => ({ id }));

describe('domain: one press of the delete guard (delete-round)', () => {
  it('all accepted: done, each remembered as requested', () => {
    const results: DeleteResult[] = clusters.map(({ id }) => ({ id, ok: true }));
    const outcome = deleteRoundOutcome(NO_DELETE_ROUNDS, results, []);

    expect(outcome).toEqual({
      rounds: { requested: clusters.map((c) => c.id), gone: [] }, accepted: clusters.map((c) => c.id), goneNow: [], failures: [], done: true,
    });
  });

  it('a 404 is gone, not a failure; a 403 is a failure with its reason; a skipped one is named', () => {
    const outcome = deleteRoundOutcome(NO_DELETE_ROUNDS, [
      { id: 'fleet-default/a', ok: true },
      {
        id: 'fleet-default/b', ok: false, error: notFound
      },
      {
        id: 'fleet-default/c', ok: false, error: forbidden
      },
    ], [{ id: 'fleet-default/d', reason: 'removing' }]);

    expect(outcome.accepted).toEqual(['fleet-default/a']);
    expect(outcome.goneNow).toEqual(['fleet-default/b']);
    expect(outcome.failures).toEqual([
      {
        id: 'fleet-default/c', kind: 'failed', error: forbidden
      },
      {
        id: 'fleet-default/d', kind: 'skipped', reason: 'removing'
      },
    ]);
    expect(outcome.done).toBe(false);
    expect(outcome.rounds).toEqual({ requested: ['fleet-default/a', 'fleet-default/b'], gone: ['fleet-default/b'] });
  });

  it('the retry sends only what did not go, and remembers across presses', () => {
    const first = deleteRoundOutcome(NO_DELETE_ROUNDS, [
      { id: 'fleet-default/a', ok: true },
      {
        id: 'fleet-default/b', ok: false, error: forbidden
      },
      {
        id: 'fleet-default/c', ok: false, error: notFound
      },
    ], []);
    const retry = clustersToSend(clusters, () => false, first.rounds);

    expect(retry.map((c) => c.id)).toEqual(['fleet-default/b']);

    const second = deleteRoundOutcome(first.rounds, [{ id: 'fleet-default/b', ok: true }], []);

    expect(second.done).toBe(true);
    expect(second.accepted).toEqual(['fleet-default/b']);
    expect(second.rounds).toEqual({ requested: ['fleet-default/a', 'fleet-default/c', 'fleet-default/b'], gone: ['fleet-default/c'] });
    expect(clustersToSend(clusters, () => false, second.rounds)).toEqual([]);
  });

  it('a blocked cluster is never sent', () => {
    expect(clustersToSend(clusters, (id) => id === 'fleet-default/b', NO_DELETE_ROUNDS).map((c) => c.id)).toEqual(['fleet-default/a', 'fleet-default/c']);
  });
});
