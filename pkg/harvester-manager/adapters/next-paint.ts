/** Longest wait for the browser to fall idle after painting. */
const IDLE_TIMEOUT_MS = 250;

/**
 * Resolves once the browser has painted what was just rendered and has fallen idle (or after
 * IDLE_TIMEOUT_MS): the next animation frame, then an idle period. Work started then (the rest of
 * a list page: parsing and rendering 100 rows takes ~0.3 s on 2 cores) no longer holds back the
 * first rows on screen, nor what the dashboard still does right after they show.
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const whenIdle = () => {
      if (typeof requestIdleCallback === 'function') {
        requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
      } else {
        setTimeout(resolve, 0);
      }
    };

    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(whenIdle);
    } else {
      whenIdle();
    }
  });
}
