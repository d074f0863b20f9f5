// Small helpers over @vue/test-utils wrappers that several component tests share.
import type { BaseWrapper, DOMWrapper, VueWrapper } from '@vue/test-utils';

/** Any wrapper a test looks into with `find` (a mounted component or an element of it). */
export type Wrapper = BaseWrapper<Node>;

/** The shell's ResourceDetail runs a page's Nuxt-style `fetch` (the shell's fetch mixin is not part of these tests). */
export async function runFetch(wrapper: VueWrapper): Promise<void> {
  const options = wrapper.vm.$options as unknown as { fetch: (this: unknown) => Promise<void> };

  await options.fetch.call(wrapper.vm);
}

/** The text of an element's `v-clean-tooltip`, which setup.js records on the element. */
export function tooltipOf(element: DOMWrapper<Element>): string | null | undefined {
  return (element.element as Element & { __tooltip?: string | null }).__tooltip;
}

/** The translator setup.js puts on `global.t` (our l10n), as the shell's `t` does. */
export function translate(key: string, args?: Record<string, unknown>): string {
  return (globalThis as unknown as { t: (key: string, args?: Record<string, unknown>) => string }).t(key, args);
}
