/**
 * Resolves once the browser has had the chance to paint what was just rendered: after the next
 * animation frame and the task that follows it. Work started then (the rest of a list page) no
 * longer holds back the first rows on screen.
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const afterFrame = () => setTimeout(resolve, 0);

    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(afterFrame);
    } else {
      afterFrame();
    }
  });
}
