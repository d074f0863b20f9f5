// Polling for something to happen, shared by the tests and the bench (which may not import tests/).

/** Poll until `check` returns a truthy value (returned), or fail after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false | null> | T | undefined | false | null, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;

  while (Date.now() < deadline) {
    try {
      const value = await check();

      if (value) {
        return value;
      }
      last = value;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${ timeoutMs } ms waiting for ${ what } (last: ${ last instanceof Error ? last.message : JSON.stringify(last) })`);
}
