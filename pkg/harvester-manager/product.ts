import { STATE, NAME as NAME_COLUMN, AGE } from '@shell/config/table-headers';
import {
  PRODUCT_NAME, HARVESTER_CLUSTER_TYPE, PROVISIONING_CLUSTER_TYPE, BLANK_CLUSTER, LIST_ROUTE_NAME,
} from './config/constants';

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
export function init($plugin: any, store: any): void {
  const {
    product, basicType, headers, spoofedType, configureType,
  } = $plugin.DSL(store, PRODUCT_NAME);

  product({
    ifHaveType:          PROVISIONING_CLUSTER_TYPE,
    inStore:             'management',
    icon:                'harvester',
    removable:           false,
    showClusterSwitcher: false,
    weight:              100,
    to:                  listLocation,
    category:            'hci',
  });

  configureType(HARVESTER_CLUSTER_TYPE, { showListMasthead: false });

  headers(HARVESTER_CLUSTER_TYPE, [
    STATE,
    NAME_COLUMN,
    {
      name:     'kubernetesVersion',
      labelKey: 'tableHeaders.version',
      value:    'kubernetesVersion',
      sort:     'kubernetesVersion',
    },
    AGE,
  ]);

  basicType([HARVESTER_CLUSTER_TYPE]);

  spoofedType({
    labelKey:   'harvesterManager.cluster.label',
    name:       HARVESTER_CLUSTER_TYPE,
    type:       HARVESTER_CLUSTER_TYPE,
    namespaced: true,
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
    getInstances: () => [],
  });
}
