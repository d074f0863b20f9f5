import { computed, reactive, toRaw, type ComputedRef } from 'vue';
import { sameData } from '../domain';

// A shell model's getters are plain getters: every read works the answer out again, and
// whatever reads them (the table's row data, its bulk actions over every row of the page) is
// re-run whenever anything they touched changes. A list row reads the cluster's Harvester version
// in its state and actions, so each version answer re-ran every row of the page (at 100 rows ~250
// ms of main thread per answer in `npm run bench`). Memoised, a getter is worked out again only
// when what it read changed, and it keeps its previous answer (the same object) while the new one
// holds the same data: an answer that leaves a row Active changes nothing the table re-renders.

const memos = new WeakMap<object, Map<string, ComputedRef<unknown>>>();

/**
 * The value of `compute(model)`, cached per model and `name` in a Vue computed that reads the
 * model through its reactive proxy (so every field it touches is tracked, however the getter
 * was called). Inputs must be reactive: a field changed on the raw object is not seen.
 */
export function memoized<M extends object, T>(model: M, name: string, compute: (model: M) => T): T {
  const raw = toRaw(model);
  let perModel = memos.get(raw);

  if (!perModel) {
    perModel = new Map();
    memos.set(raw, perModel);
  }
  let memo = perModel.get(name) as ComputedRef<T> | undefined;

  if (!memo) {
    const tracked = reactive(raw) as M;

    memo = computed<T>((previous) => {
      const next = compute(tracked);

      return previous !== undefined && sameData(previous, next) ? previous : next;
    });
    perModel.set(name, memo);
  }

  return memo.value;
}
