/**
 * Controller timers in one place, so `close()`/`reset` can cancel everything in flight and
 * tests never see a callback fire after the simulator stopped.
 */
export class Scheduler {
  private handles = new Set<NodeJS.Timeout>();
  private stopped = false;

  after(ms: number, fn: () => void): void {
    if (this.stopped) {
      return;
    }
    const handle = setTimeout(() => {
      this.handles.delete(handle);
      try {
        fn();
      } catch (e) {
        console.error('[sim] scheduled task failed', e); // eslint-disable-line no-console
      }
    }, Math.max(0, ms));

    this.handles.add(handle);
  }

  get pending(): number {
    return this.handles.size;
  }

  cancelAll(): void {
    this.handles.forEach((h) => clearTimeout(h));
    this.handles.clear();
  }

  stop(): void {
    this.stopped = true;
    this.cancelAll();
  }
}
