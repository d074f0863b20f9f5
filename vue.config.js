// The dashboard build. `npm start` serves a production build of the unmodified shell and loads
// our extension through /v1/uiplugins, as Rancher does; `npm run dev` compiles it in as a built-in.
const shellConfig = require('@rancher/shell/vue.config');

const production = process.env.NODE_ENV === 'production';

const config = shellConfig(__dirname, {
  // In the production dashboard our package must not be built in, or the shell would skip the
  // /v1/uiplugins entry as already loaded (developerPkg).
  excludes: production ? ['harvester-manager'] : [],
});

const shellConfigureWebpack = config.configureWebpack;

// thread-loader cannot see the shell's virtual module @rancher/dynamic.js
config.parallel = false;

config.configureWebpack = (webpackConfig) => {
  shellConfigureWebpack(webpackConfig);
  // codemirror's merge addon asks for diff_match_patch by that name
  webpackConfig.resolve.alias.diff_match_patch = require.resolve('diff-match-patch');
  if (production) {
    // The shell forces source maps; they triple the build's size and memory.
    webpackConfig.devtool = false;
  }
};

config.chainWebpack = (chain) => {
  // The shell already has a .tsx? rule; vue-cli's own picks the shell's tsconfig (TS6059).
  chain.module.rules.delete('ts');
  chain.module.rules.delete('tsx');
  // Type checking runs separately (npm run typecheck); the checker doubles build memory.
  chain.plugins.delete('fork-ts-checker');
};

module.exports = config;
