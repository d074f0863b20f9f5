// Types this.t() in components, as the shell's own vue-shim does.
export { };

declare module 'vue' {
  interface ComponentCustomProperties {
    /**
     * Lookup a given string with the given arguments
     * @param raw if set, do not do HTML escaping.
     */
    t: {
      (key: string, args?: Record<string, unknown>, raw?: boolean): string;
      (options: { k: string; raw?: boolean; tag?: string | Record<string, unknown>; escapehtml?: boolean }): string;
    }
  }
}
