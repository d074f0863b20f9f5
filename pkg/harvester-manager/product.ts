import { PRODUCT_NAME, HARVESTER_CLUSTER_TYPE, BLANK_CLUSTER, LIST_ROUTE_NAME } from './config/constants';
import { PROVISIONING_CLUSTER } from './domain';
import { STATE, NAME, AGE } from '@shell/config/table-headers';
import { listHeaders, LIST_MANDATORY_SORT } from './config/table-headers';
import { harvesterInstances } from './adapters/virtual-type';
import { prefetchOnNavigation } from './adapters/list-prefetch';
import type { ShellStore } from './adapters/shell-store';

type DslCall = (...args: unknown[]) => void;

/** What `$plugin.DSL(store, product)` gives (the shell's `store/type-map.js` DSL, untyped there). */
interface ProductPlugin {
  DSL(store: ShellStore, product: string): Record<'product' | 'basicType' | 'headers' | 'spoofedType' | 'configureType', DslCall>;
}

const listLocation = {
  name:   LIST_ROUTE_NAME,
  params: {
    cluster:  BLANK_CLUSTER,
    product:  PRODUCT_NAME,
    resource: HARVESTER_CLUSTER_TYPE,
  },
};

/**
 * Registers the Virtualization Management product: a side-menu entry (category hci) whose only
 * type is the virtual Harvester cluster type over provisioning clusters, as upstream Rancher has.
 */
export function init($plugin: ProductPlugin, store: ShellStore): void {
  const {
    product, basicType, headers, spoofedType, configureType,
  } = $plugin.DSL(store, PRODUCT_NAME);

  product({
    ifHaveType:          PROVISIONING_CLUSTER,
    inStore:             'management',
    icon:                'harvester',
    removable:           false,
    showClusterSwitcher: false,
    weight:              100,
    to:                  listLocation,
    category:            'hci',
  });

  // The list draws its own masthead (Import Existing, read-only banner); YAML of a virtual type
  // would be the provisioning cluster's and is not offered. The detail page shows Age itself,
  // ticking (the shell's masthead computes it once).
  configureType(HARVESTER_CLUSTER_TYPE, {
    showListMasthead: false, showAge: false, canYaml: false, isCreatable: true, isEditable: true, isRemovable: true, listMandatorySort: LIST_MANDATORY_SORT,
  });

  // The same columns with and without server-side pagination: the list always pages on the server.
  const columns = listHeaders({
    STATE, NAME, AGE
  });

  headers(HARVESTER_CLUSTER_TYPE, columns, columns);

  basicType([HARVESTER_CLUSTER_TYPE]);

  spoofedType({
    labelKey:   'harvesterManager.cluster.label',
    name:       HARVESTER_CLUSTER_TYPE,
    type:       HARVESTER_CLUSTER_TYPE,
    // The side menu marks namespaced types with an icon; the clusters all live in fleet-default
    // and the list has no namespace filter, so the entry is not marked (as upstream's). The
    // schema stays namespaced: its ids are `fleet-default/<name>`.
    namespaced: false,
    weight:     -1,
    route:      {
      name:   LIST_ROUTE_NAME,
      params: { product: PRODUCT_NAME, resource: HARVESTER_CLUSTER_TYPE },
    },
    exact:   false,
    schemas: [
      {
        id:                HARVESTER_CLUSTER_TYPE,
        type:              'schema',
        collectionMethods: [],
        resourceFields:    {},
        attributes:        { namespaced: true },
      },
    ],
    group:        'Root',
    // Provisioning clusters (ids fleet-default/<name>) that are Harvester clusters, seen as this type.
    getInstances: () => harvesterInstances(store),
  });

  // The list's first rows are on their way while the dashboard loads the list's page.
  prefetchOnNavigation(store);
}
