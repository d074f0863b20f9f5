import shellConfig from '@rancher/shell/eslint.config.base.mjs';
import globals from 'globals';

// The shell's own lint rules (what Rancher's extensions lint with), plus what this repository adds.
export default [
  ...shellConfig,
  { ignores: ['bench/results/', 'tests/e2e/artifacts/', 'docs/'] },
  // An eslint-disable that no longer disables anything is an error, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    // Core no-unused-vars reads TypeScript's declaration merging (`declare global { interface
    // Window … }`, module augmentation) as unused; typescript-eslint's version of the same rule
    // understands it, and is as strict about everything else.
    files: ['**/*.ts'],
    rules: {
      'no-unused-vars':                    'off',
      // the options standard gives the core rule (neostandard), which the shell keeps
      '@typescript-eslint/no-unused-vars': ['warn', {
        args: 'none', caughtErrors: 'none', ignoreRestSiblings: true, vars: 'all'
      }],
    },
  },
  {
    files:           ['tests/**/*.ts', 'tests/**/*.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
];
