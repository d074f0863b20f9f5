// Stubs for heavy shell components: they keep the contract our views rely on (props in, slots
// rendered per row) without the shell's table machinery.

/** A table column as the shell's type-map headers describe it (name, value, sort and search fields…). */
export type TableHeader = Record<string, unknown>;

/** The first page request SortableTable sends when mounted with external pagination. */
export function firstPageEvent(headers: TableHeader[] = []) {
  const searchFields = headers.flatMap((h) => (h.search === false ? [] : ([] as unknown[]).concat(h.search || h.value || h.name)));
  const sortColumn = headers.find((h) => h.defaultSort) || headers.find((h) => h.sort);

  return {
    page: 1, perPage: 10, filter: { searchFields, searchQuery: '' }, sort: ([] as unknown[]).concat(sortColumn?.sort || []), descending: false,
  };
}

/** What ResourceTableStub's hooks read of the component instance. */
interface TableInstance {
  externalPaginationEnabled?: boolean;
  headers?: TableHeader[];
  $emit(event: string, ...args: unknown[]): void;
}

/** ResourceTable: one row per `rows` item with our cell slots, `no-rows` when empty; asks for page 1 on mount. */
export const ResourceTableStub = {
  name:    'ResourceTable',
  props:   ['rows', 'headers', 'tableActions', 'rowActions', 'schema', 'namespaced', 'groupable', 'useQueryParamsForSimpleFiltering', 'externalPaginationEnabled', 'externalPaginationResult', 'loading', 'forceUpdateLiveAndDelayed'],
  emits:   ['pagination-changed'],
  data:    () => ({ selectionCleared: 0 }),
  methods: {
    clearSelection(this: { selectionCleared: number }) {
      this.selectionCleared++;
    },
  },
  mounted(this: TableInstance) {
    if (this.externalPaginationEnabled) {
      this.$emit('pagination-changed', firstPageEvent(this.headers));
    }
  },
  template: `
    <table>
      <tbody>
        <tr v-for="row in rows" :key="row.id" class="main-row" :data-id="row.id">
          <td class="col-link-detail">{{ row.nameDisplay }}</td>
          <td class="col-state">{{ row.stateDisplay }}</td>
          <td class="col-harvester-version"><slot name="cell:harvesterVersion" :row="row" /></td>
          <td class="col-manage"><slot name="cell:manage" :row="row" /></td>
        </tr>
        <slot v-if="!rows.length" name="no-rows" />
      </tbody>
    </table>`,
};

export const MastheadStub = {
  name:     'Masthead',
  props:    ['schema', 'resource', 'typeDisplay', 'isCreatable', 'isYamlCreatable', 'createLocation', 'createButtonLabel', 'showFavorite'],
  template: '<header><h1>{{ typeDisplay }}</h1><a v-if="isCreatable" data-testid="masthead-create">{{ createButtonLabel }}</a></header>',
};

export const CruResourceStub = {
  name:     'CruResource',
  props:    ['mode', 'resource', 'errors', 'validationPassed', 'doneRoute', 'canYaml', 'cancelEvent'],
  emits:    ['finish', 'error', 'cancel'],
  template: `
    <form>
      <div v-for="(e, i) in errors" :key="i" data-testid="cru-error">{{ e }}</div>
      <slot />
      <button data-testid="form-save" :disabled="!validationPassed" type="button" @click="$emit('finish', () => {})">save</button>
    </form>`,
};

export const stub = (name: string, testid?: string) => ({ name, template: `<div${ testid ? ` data-testid="${ testid }"` : '' }><slot /></div>` });
