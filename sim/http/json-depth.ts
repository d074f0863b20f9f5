/**
 * How deeply a request body may nest. Go's encoding/json (what Steve, Norman and the Kubernetes
 * API server decode bodies with) refuses more than 10,000 levels ("exceeded max depth"); the
 * simulator's recursive clone, merge and render code overflows its stack long before that
 * (a 1,903-level `spec` answered 500), so it refuses earlier: a known difference, sim/FIDELITY.md.
 */
export const MAX_JSON_DEPTH = 512;

/** Nesting depth of a parsed JSON value, counted without recursion (it must not overflow itself). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];

  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];

    if (node && typeof node === 'object') {
      const level = depth + 1;

      deepest = Math.max(deepest, level);
      if (deepest > limit) {
        return deepest;
      }
      for (const child of Object.values(node as Record<string, unknown>)) {
        stack.push([child, level]);
      }
    }
  }

  return deepest;
}

export function tooDeep(value: unknown): boolean {
  return jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
}
