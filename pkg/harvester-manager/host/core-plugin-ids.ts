/**
 * `@shell/core/plugin` in the library build. The shell modules we bundle (steve-class,
 * pagination-utils) import only these registry ids from it; the module itself is the dashboard's
 * extension machinery (product registry → every resource page → YAML editor, jsrsasign, …), which
 * the dashboard already runs. The values are the shell's own (tests/unit/host-modules.test.ts
 * compares them); the build fails if bundled code asks this module for anything else.
 */
export const EXT_IDS = {
  MODELS:                           'models',
  MODEL_EXTENSION:                  'model-extension',
  SERVER_SIDE_PAGINATION_RESOURCES: 'server-side-pagination',
} as const;
