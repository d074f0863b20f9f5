// The Harvester UI extension (a separate Rancher UI extension, chart `harvester`) that opens a
// Harvester cluster since Rancher 2.10, and where upstream Rancher gets it from.

export const HARVESTER_EXTENSION_CHART = {
  name:     'harvester',
  version:  '',
  repoType: 'cluster',
  repoName: 'harvester',
};

/** Community Rancher: the extension's own GitHub Pages branch. */
export const HARVESTER_COMMUNITY_REPO = {
  name:      'harvester',
  gitRepo:   'https://github.com/harvester/harvester-ui-extension',
  gitBranch: 'gh-pages',
};

/** Rancher Prime: Rancher's UI extension charts repository. */
export const HARVESTER_PRIME_REPO = {
  name:      'rancher',
  gitRepo:   'https://github.com/rancher/ui-plugin-charts',
  gitBranch: 'main',
};

/** Repository URLs that hold the extension (as upstream matches them; no /g flag). */
export const HARVESTER_REPO_PATTERNS = [
  /^https:\/\/github\.com\/.*\/harvester-ui-extension/,
  /^https:\/\/.*\.github\.io\/harvester-ui-extension/,
  /^https:\/\/github\.com\/rancher\/ui-plugin-charts/,
];

/** Catalog images (air-gapped installs) that provide it. */
export const HARVESTER_CATALOG_IMAGES = ['ui-plugin-catalog', 'ui-extension-harvester-ui-extension'];

export const UI_PLUGIN_NAMESPACE = 'cattle-ui-plugin-system';

/** Routes the panel's manual steps link to. */
export const CLUSTER_REPOS_ROUTE = {
  name:   'c-cluster-product-resource',
  params: {
    cluster: 'local', product: 'apps', resource: 'catalog.cattle.io.clusterrepo'
  },
};
export const EXTENSIONS_ROUTE = { name: 'c-cluster-uiplugins', params: { cluster: '_' } };
