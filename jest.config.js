// Product projects: fast unit tests (node), component tests (jsdom + the shell's Vue setup),
// integration tests (the CLI, the domain and the packaged extension against the simulator on a
// free port) and the browser e2e suite.
// Simulator projects (a test of the simulator is not a test of the product): `sim-unit`
// (its internals) and `sim-integration` (HTTP / websocket against it, no product code).
// `contract`: the simulator's answers compared, by shape, with responses recorded from a real
// Rancher (@rancher/cypress blueprints, fetched by scripts/fetch-rancher-recordings.ts).
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.sim.json', isolatedModules: true }];

const shellModuleNameMapper = {
  '^@shell/(.*)$':              '<rootDir>/node_modules/@rancher/shell/$1',
  '^~shell/(.*)$':              '<rootDir>/node_modules/@rancher/shell/$1',
  '^@components/(.*)$':         '<rootDir>/node_modules/@rancher/shell/rancher-components/$1',
  '^@pkg/(.*)$':                '<rootDir>/pkg/$1',
  '\\.(svg|png|jpg|css|scss)$': '<rootDir>/tests/components/file-stub.js',
};

module.exports = {
  projects: [
    {
      displayName:     'unit',
      testEnvironment: 'node',
      testMatch:       ['<rootDir>/tests/unit/**/*.test.ts'],
      transform:       { '^.+\\.ts$': tsJest },
    },
    {
      displayName:            'components',
      testEnvironment:        'jsdom',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch:              ['<rootDir>/tests/components/**/*.test.ts'],
      moduleFileExtensions:   ['ts', 'js', 'mjs', 'json', 'vue'],
      moduleNameMapper:       shellModuleNameMapper,
      setupFiles:             ['<rootDir>/tests/components/setup.js'],
      transform:              {
        '^.+\\.vue$':      '@vue/vue3-jest',
        '^.+\\.ts$':       tsJest,
        '^.+\\.(js|mjs)$': 'babel-jest',
      },
      transformIgnorePatterns: ['/node_modules/(?!(@rancher/shell|color|color-string|color-convert|color-name|vee-validate|clipboard-polyfill|jsonpath-plus|lodash-es)/)'],
    },
    {
      displayName:        'e2e',
      testEnvironment:    'node',
      testMatch:          ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform:          { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/support/jest-setup.ts'],
    },
    {
      displayName:        'integration',
      testEnvironment:    'node',
      testMatch:          ['<rootDir>/tests/integration/**/*.test.ts'],
      transform:          { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/tests/integration/jest-setup.ts'],
      // spawnCli runs the command installed from the cli/ package's tarball
      globalSetup:        '<rootDir>/tests/integration/support/install-cli.ts',
      globalTeardown:     '<rootDir>/tests/integration/support/remove-installed-cli.ts',
    },
    {
      displayName:     'sim-unit',
      testEnvironment: 'node',
      testMatch:       ['<rootDir>/tests/sim/unit/**/*.test.ts'],
      transform:       { '^.+\\.ts$': tsJest },
    },
    {
      displayName:        'sim-integration',
      testEnvironment:    'node',
      testMatch:          ['<rootDir>/tests/sim/integration/**/*.test.ts'],
      transform:          { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/tests/integration/jest-setup.ts'],
      // spawnCli runs the command installed from the cli/ package's tarball
      globalSetup:        '<rootDir>/tests/integration/support/install-cli.ts',
      globalTeardown:     '<rootDir>/tests/integration/support/remove-installed-cli.ts',
    },
    {
      displayName:        'contract',
      testEnvironment:    'node',
      testMatch:          ['<rootDir>/tests/contract/**/*.test.ts'],
      transform:          { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/tests/integration/jest-setup.ts'],
      // spawnCli runs the command installed from the cli/ package's tarball
      globalSetup:        '<rootDir>/tests/integration/support/install-cli.ts',
      globalTeardown:     '<rootDir>/tests/integration/support/remove-installed-cli.ts',
    },
  ],
};
