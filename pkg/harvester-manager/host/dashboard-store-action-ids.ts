/**
 * `@shell/plugins/dashboard-store/actions` in the library build. The shell modules we bundle
 * (utils/settings, through the resource table's pagination helpers) import only this constant
 * from it; the module itself is the store's actions, which pull in the type-map store, every
 * product config and every custom remove dialog. The value is the shell's own
 * (tests/unit/host-modules.test.ts); the build fails if bundled code asks for anything else.
 */
export const _MULTI = 'multi';
