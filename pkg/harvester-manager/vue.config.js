const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const VirtualModulesPlugin = require('webpack-virtual-modules');
const shellPackage = require('./.shell/package.json');

const config = require('./.shell/pkg/vue.config')(__dirname);

// What each swap below saves, measured with `npm run bench:swaps` (2026-12-02, gzip, the extension
// as shipped 215.2 KB, 229.1 KB on 2026-12-03; tests/e2e/package-size.test.ts holds it to 230 KB, so dropping any one fails):
//   @shell/utils/create-yaml   98.6 KB   …/AgentEnv  23.4 KB   …/Labels  26.1 KB   cronstrue  5.4 KB
//   lodash by function         24.4 KB   console polyfill left out  20.2 KB
//   the provisioning model, core/plugin ids, dashboard-store action ids: no build without them (the
//   bundled shell code then needs the dashboard's own class and constants); ResourceYaml: no build
//   without it while create-yaml is swapped (YamlEditor imports saferDump from it).
// Shell modules the dashboard that loads the extension already runs: in the library build these
// imports resolve to host/ modules that hand back the dashboard's copy (or the few constants
// bundled code takes from them) instead of bundling the shell's (see host/dashboard.ts); the ones
// marked unused are never reached by our views and fail loudly if they ever are. Keys are exact
// import requests; tests, type checks and `npm run dev` keep the real modules.
const HOST_MODULES = {
  '@shell/models/provisioning.cattle.io.cluster':        'host/provisioning-cluster-model.ts',
  '@shell/core/plugin':                                  'host/core-plugin-ids.ts',
  '@shell/plugins/dashboard-store/actions':              'host/dashboard-store-action-ids.ts',
  // CruResource's YAML mode, off in our form (can-yaml=false): CodeMirror, diff viewer, highlight.js, resource base class
  '@shell/components/ResourceYaml':                      'host/resource-yaml-unused.ts',
  '@shell/utils/create-yaml':                            'host/create-yaml-unused.ts',
  // LabeledInput's description of type="cron" inputs, which our views never use
  cronstrue:                                             'host/cronstrue-unused.ts',
  // The import form's agent environment and labels sections (they bundle the key/value editor, CodeMirror, crypto)
  '@shell/edit/provisioning.cattle.io.cluster/AgentEnv': 'host/provisioning-cluster-agent-env.ts',
  '@shell/edit/provisioning.cattle.io.cluster/Labels':   'host/provisioning-cluster-labels.ts',
};

// The shell imports lodash functions by name from 'lodash', which bundles all of it (~70 KB
// minified); in the library build 'lodash' is a module re-exporting each function from its own
// file (lodash/<name>.js, same code), so only the functions the bundled code uses are included.
const LODASH_BY_FUNCTION = path.join(__dirname, 'node_modules/.harvester-manager/lodash-by-function.js');

function lodashByFunction() {
  const lodashDir = path.dirname(require.resolve('lodash/package.json'));
  const names = Object.keys(require('lodash')).filter((name) => fs.existsSync(path.join(lodashDir, `${ name }.js`)));

  return names.map((name) => `export { default as ${ name } } from 'lodash/${ name }';`).join('\n');
}

// The shell code this extension bundles (utils/uiplugins → config/uiplugins) checks chart
// annotations against process.env.UI_EXTENSIONS_API_VERSION, which only the dashboard's own build
// defines: define it here as the shell version we build against, or getLatestExtensionVersion
// would find no compatible Harvester UI extension version.
/**
 * Size measurement only (bench/host-swaps.ts): HARVESTER_MANAGER_KEEP_SHELL=<a HOST_MODULES key,
 * or "lodash" / "console"> builds with that one swap left out, to see what it saves.
 */
const keepShell = new Set((process.env.HARVESTER_MANAGER_KEEP_SHELL || '').split(',').filter(Boolean));

for (const request of keepShell) {
  delete HOST_MODULES[request];
}

const configureShell = config.configureWebpack;

config.configureWebpack = (webpackConfig) => {
  configureShell(webpackConfig);
  webpackConfig.plugins.push(new webpack.DefinePlugin({ 'process.env.UI_EXTENSIONS_API_VERSION': JSON.stringify(shellPackage.version) }));
  const hostModuleRequest = new RegExp(`^(${ Object.keys(HOST_MODULES).map((r) => r.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') })$`);

  webpackConfig.plugins.unshift(new webpack.NormalModuleReplacementPlugin(hostModuleRequest, (resource) => {
    resource.request = path.join(__dirname, HOST_MODULES[resource.request]);
  }));
  // The shell's Node polyfills also swap every `console` for console-browserify, which bundles the
  // assert and util polyfills (~45 KB); browsers have a console.
  const nodePolyfills = webpackConfig.plugins.find((p) => p.constructor.name === 'NodePolyfillPlugin');

  if (nodePolyfills && !keepShell.has('console')) {
    nodePolyfills.options.excludeAliases = [...nodePolyfills.options.excludeAliases, 'console'];
  }
  if (!keepShell.has('lodash')) {
    webpackConfig.plugins.push(new VirtualModulesPlugin({ [LODASH_BY_FUNCTION]: lodashByFunction() }));
    webpackConfig.resolve.alias['lodash$'] = LODASH_BY_FUNCTION;
    webpackConfig.module.rules.push({ test: (file) => file === LODASH_BY_FUNCTION, sideEffects: false });
  }
  // A host module that lacks an export some bundled code imports fails the build, not the page.
  webpackConfig.module.parser = { ...webpackConfig.module.parser, javascript: { ...webpackConfig.module.parser?.javascript, exportsPresence: 'error' } };
};

module.exports = config;
