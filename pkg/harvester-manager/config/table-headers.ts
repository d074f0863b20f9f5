// Columns of the Harvester cluster list between State/Name and Age (product.ts adds those from
// the shell). Row fields come from the model (models/harvesterhci.io.management.cluster.js).

export const HARVESTER_VERSION_COLUMN = 'harvesterVersion';
export const MANAGE_COLUMN = 'manage';

export const HARVESTER_LIST_HEADERS = [
  {
    name:     HARVESTER_VERSION_COLUMN,
    labelKey: 'harvesterManager.tableHeaders.harvesterVersion',
    value:    'harvesterVersion',
    sort:     false,
    search:   false,
  },
  {
    name:     'kubernetesVersion',
    labelKey: 'harvesterManager.tableHeaders.kubernetesVersion',
    value:    'kubernetesVersion',
    sort:     'kubernetesVersion',
    search:   'kubernetesVersion',
  },
  {
    name:     'machines',
    labelKey: 'harvesterManager.tableHeaders.machines',
    value:    'machineCount',
    sort:     'machineCount',
    search:   false,
    align:    'center',
    width:    100,
  },
];

/** Goes after Age: the Manage button (no header text, as upstream). */
export const MANAGE_HEADER = {
  name:     MANAGE_COLUMN,
  label:    ' ',
  value:    'id',
  sort:     false,
  search:   false,
  align:    'right',
  width:    110,
};
