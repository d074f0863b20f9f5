import type { Message } from './types';
import type { SkippedDelete } from './delete-requests';

// One press of the delete guard's Delete button, and what the guard remembers between presses:
// after a partial failure the same button retries only what did not go, and a cluster someone
// else removed meanwhile (404) counts as gone, not as a failure.

/** What Rancher answered to one DELETE; a failure carries its reason (Rancher's answer). */
export type DeleteResult = { id: string, ok: true } | { id: string, ok: false, error: Message };

/** What the guard keeps across presses. */
export interface DeleteRounds {
  /** Ids Rancher accepted a DELETE for, or that were already gone: never sent again. */
  requested: readonly string[];
  /** Ids that were already gone (404) when their DELETE was sent. */
  gone: readonly string[];
}

export const NO_DELETE_ROUNDS: DeleteRounds = { requested: [], gone: [] };

export type DeleteFailure =
  | { id: string, kind: 'failed', error: Message }
  | { id: string, kind: 'skipped', reason: SkippedDelete['reason'] };

export interface DeleteRoundOutcome {
  rounds: DeleteRounds;
  /** Accepted in this press (the growl names them). */
  accepted: string[];
  /** Found gone in this press. */
  goneNow: string[];
  /** What did not go, in order: failures, then what was never sent. */
  failures: DeleteFailure[];
  /** Every selected cluster went (or was gone): the guard may close. */
  done: boolean;
}

const NOT_FOUND_KEY = 'harvesterManager.apiError.notFound';

/** Which of the selected clusters this press sends: not blocked, not sent before. */
export function clustersToSend<C extends { id: string }>(selected: readonly C[], blocked: (id: string) => boolean, rounds: DeleteRounds): C[] {
  return selected.filter((c) => !blocked(c.id) && !rounds.requested.includes(c.id));
}

export function deleteRoundOutcome(rounds: DeleteRounds, results: readonly DeleteResult[], skipped: readonly SkippedDelete[]): DeleteRoundOutcome {
  const refused = results.filter((r): r is Extract<DeleteResult, { ok: false }> => !r.ok);
  const goneNow = refused.filter((r) => r.error.key === NOT_FOUND_KEY).map((r) => r.id);
  const accepted = results.filter((r) => r.ok).map((r) => r.id);
  const failures: DeleteFailure[] = [
    ...refused.filter((r) => !goneNow.includes(r.id)).map((r): DeleteFailure => ({
      id: r.id, kind: 'failed', error: r.error
    })),
    ...skipped.map((s): DeleteFailure => ({
      id: s.id, kind: 'skipped', reason: s.reason
    })),
  ];

  return {
    rounds: { requested: [...rounds.requested, ...accepted, ...goneNow], gone: [...rounds.gone, ...goneNow] },
    accepted,
    goneNow,
    failures,
    done:   failures.length === 0,
  };
}
