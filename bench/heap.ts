import type { Page } from 'playwright-core';

/** Used JS heap after a forced GC, in MB. */
export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);

  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics') as { metrics: Array<{ name: string, value: number }> };

  await cdp.detach();

  return Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value || 0) / 1e5) / 10;
}
