// The shell's Babel setup. Under jest (NODE_ENV=test) the shell adds two plugins for its own
// test suite (require.context, istanbul) that are not installed here; component tests run without them.
const shellConfig = require('@rancher/shell/babel.config.js');
const TEST_ONLY = ['transform-require-context', 'babel-plugin-istanbul'];

module.exports = function(api) {
  const config = shellConfig(api);

  if (process.env.NODE_ENV === 'test') {
    config.plugins = config.plugins.filter((p) => !TEST_ONLY.includes(Array.isArray(p) ? p[0] : p));
  }

  return config;
};
