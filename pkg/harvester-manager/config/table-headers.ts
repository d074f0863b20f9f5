// Columns of the Harvester cluster list. The list is paged, sorted and searched on the server
// over management clusters (domain/cluster-page.ts), so `sort` and `search` name management
// cluster fields Rancher indexes; `value` is what the row model shows
// (models/harvesterhci.io.management.cluster.ts).

export const HARVESTER_VERSION_COLUMN = 'harvesterVersion';
export const MANAGE_COLUMN = 'manage';

/** The list's sort until the user picks another: the Name column's (its default). */
export const DEFAULT_LIST_SORT = ['spec.displayName'];

/** Secondary sort for equal values, so rows keep their place between pages. */
export const LIST_MANDATORY_SORT = ['spec.displayName', 'metadata.name'];

/** The shell's State, Name and Age columns (`@shell/config/table-headers`), which ours extend. */
export interface ShellColumns {
  STATE: Record<string, unknown>;
  NAME: Record<string, unknown>;
  AGE: Record<string, unknown>;
}

export const HARVESTER_LIST_HEADERS = [
  {
    name:     HARVESTER_VERSION_COLUMN,
    labelKey: 'harvesterManager.tableHeaders.harvesterVersion',
    // The cell (components/HarvesterVersionCell.vue) reads the version itself. The table works
    // out every column's value of every row in one computed (SortableTable `displayRows`): a
    // version read there would re-run the whole page on each version answer.
    value:    'managementId',
    sort:     false,
    search:   false,
  },
  {
    name:        'kubernetesVersion',
    labelKey:    'harvesterManager.tableHeaders.kubernetesVersion',
    value:       'kubernetesVersion',
    sort:        'status.version.gitVersion',
    search:      'status.version.gitVersion',
    // unknown until the agent reported it: a dash, as Harvester Version shows
    dashIfEmpty: true,
  },
  {
    name:       'machines',
    labelKey:   'harvesterManager.tableHeaders.machines',
    value:      'machineCount',
    sort:       false,
    search:     false,
    align:      'center',
    width:      100,
    // hidden below 1281 px (the shell's COLUMN_BREAKPOINTS.DESKTOP): the detail page has it, and
    // names need the room on a laptop screen
    breakpoint: 'desktop',
  },
];

/** Goes after Age: the Manage button (no header text, as upstream). */
export const MANAGE_HEADER = {
  name:   MANAGE_COLUMN,
  label:  ' ',
  value:  'id',
  sort:   false,
  search: false,
  align:  'right',
  width:  110,
};

/** State, Name, Harvester Version, Kubernetes Version, Machines, Age, Manage. */
export function listHeaders(shell: ShellColumns): Record<string, unknown>[] {
  return [
    {
      ...shell.STATE, sort: ['metadata.state.name', 'spec.displayName'], search: 'metadata.state.name',
    },
    {
      ...shell.NAME, value: 'nameDisplay', sort: [...DEFAULT_LIST_SORT], search: 'spec.displayName', defaultSort: true,
    },
    ...HARVESTER_LIST_HEADERS,
    {
      ...shell.AGE, value: 'metadata.creationTimestamp', sort: 'metadata.creationTimestamp:desc', search: false,
    },
    MANAGE_HEADER,
  ];
}

/** Tooltip of a column this Rancher cannot sort or search on the server (l10n key). */
export const SERVER_UNSORTABLE_TOOLTIP = 'harvesterManager.tableHeaders.notSortableHere';

function fieldsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];

  return list.filter((v): v is string => typeof v === 'string').map((v) => v.split(':')[0]);
}

/**
 * The columns as this Rancher can serve them: a column whose sort or search field the server
 * cannot use (`canUse`, e.g. a field the SQL cache does not index) is shown unsortable and
 * unsearchable with a tooltip saying why, instead of a click that breaks the list.
 */
export function columnsForServer(columns: readonly Record<string, unknown>[], canUse: (field: string) => boolean): Record<string, unknown>[] {
  return columns.map((col) => {
    const sortFields = fieldsOf(col.sort);
    const searchFields = fieldsOf(col.search);
    const sortable = sortFields.length > 0 && canUse(sortFields[0]);
    const searchable = searchFields.length > 0 && searchFields.every(canUse);

    if ((sortFields.length && !sortable) || (searchFields.length && !searchable)) {
      return {
        ...col, sort: sortable ? col.sort : false, search: searchable ? col.search : false, tooltip: SERVER_UNSORTABLE_TOOLTIP,
      };
    }

    return { ...col };
  });
}

/** The detail page's tables that only show what Rancher holds: no search, no selection, no row actions. */
export const READ_ONLY_TABLE = {
  keyField: 'id', search: false, tableActions: false, rowActions: false,
} as const;
