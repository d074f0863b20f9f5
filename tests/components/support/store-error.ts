// How the shell's store fails: when Rancher answers an error, `dispatch` rejects with Rancher's
// error body as a plain object (`{ type: 'error', status, code, message }`, the Steve model's
// `_status`…), not with an Error. The product reads `.status` / `._status` / `.code` / `.message`
// from that object, so a test that makes Rancher fail rejects with the same plain object.

/** Rancher's error answer as the shell's store rejects with it (a plain object, not an Error). */
export function storeError<T extends Record<string, unknown>>(body: T): T {
  return body;
}
