// Names of the product's wiring and views (Rancher's type ids and well-known names are in
// domain/resource-types.ts, shared with the CLI). They match upstream Rancher so that
// links, bookmarks and Rancher's own page objects for this product keep working.
export const PRODUCT_NAME = 'harvesterManager';
export const PLUGIN_NAME = 'harvester-manager';

export const HARVESTER_CLUSTER_TYPE = 'harvesterhci.io.management.cluster';
/** Harvester's guide to Virtualization Management in Rancher (the empty list's Learn more). */
export const VIRTUALIZATION_MANAGEMENT_DOCS = 'https://docs.harvesterhci.io/latest/rancher/virtualization-management';
export const EVENT_TYPE = 'event';

/** The blank cluster id the shell uses for products that live outside any cluster. */
export const BLANK_CLUSTER = '_';

export const LIST_ROUTE_NAME = 'c-cluster-product-resource';

export const DETAIL_ROUTE_NAME = 'c-cluster-product-resource-namespace-id';
export const CREATE_ROUTE_NAME = 'c-cluster-product-resource-create';

/** Detail page tab that shows the registration URL and commands (linked to after an import). */
export const REGISTRATION_TAB = 'registration';

/** Dialog (auto-imported from dialog/) that guards Delete and bulk delete. */
export const DELETE_DIALOG = 'HarvesterClusterDeleteDialog';

/** The Harvester UI extension's cluster dashboard, where Manage goes for an Active cluster. */
export const HARVESTER_UI_PRODUCT = 'harvester';
export const HARVESTER_UI_ROUTE_NAME = 'harvester-c-cluster-resource';
export const HARVESTER_UI_DASHBOARD = 'harvesterhci.io.dashboard';
