const webpack = require('webpack');
const shellPackage = require('./.shell/package.json');

const config = require('./.shell/pkg/vue.config')(__dirname);

// The shell code this extension bundles (utils/uiplugins → config/uiplugins) checks chart
// annotations against process.env.UI_EXTENSIONS_API_VERSION, which only the dashboard's own build
// defines: define it here as the shell version we build against, or getLatestExtensionVersion
// would find no compatible Harvester UI extension version.
const configureShell = config.configureWebpack;

config.configureWebpack = (webpackConfig) => {
  configureShell(webpackConfig);
  webpackConfig.plugins.push(new webpack.DefinePlugin({ 'process.env.UI_EXTENSIONS_API_VERSION': JSON.stringify(shellPackage.version) }));
};

module.exports = config;
