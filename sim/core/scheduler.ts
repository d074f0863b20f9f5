/**
 * Controller timers in one place, so `close()`/`reset` can cancel everything in flight and
 * tests never see a callback fire after the simulator stopped.
 */
export class Scheduler {
  private handles = new Set<NodeJS.Timeout>();
  private backgroundHandles = new Set<NodeJS.Timeout>();
  private stopped = false;

  private schedule(ms: number, fn: () => void, into: Set<NodeJS.Timeout>): void {
    if (this.stopped) {
      return;
    }
    const handle = setTimeout(() => {
      into.delete(handle);
      try {
        fn();
      } catch (e) {
        process.stderr.write(`[sim] scheduled task failed: ${ (e as Error)?.stack || e }\n`);
      }
    }, Math.max(0, ms));

    into.add(handle);
  }

  after(ms: number, fn: () => void): void {
    this.schedule(ms, fn, this.handles);
  }

  /**
   * A retry that may never settle (Harvester requeueing a registration URL that keeps failing):
   * cancelled with everything else, but not counted in `pending`, which tells tests that the
   * controllers finished what a request started.
   */
  background(ms: number, fn: () => void): void {
    this.schedule(ms, fn, this.backgroundHandles);
  }

  get pending(): number {
    return this.handles.size;
  }

  cancelAll(): void {
    [...this.handles, ...this.backgroundHandles].forEach((h) => clearTimeout(h));
    this.handles.clear();
    this.backgroundHandles.clear();
  }

  stop(): void {
    this.stopped = true;
    this.cancelAll();
  }
}
