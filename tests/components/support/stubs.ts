// Stubs for heavy shell components: they keep the contract our views rely on (props in, slots
// rendered per row) without the shell's table machinery.

/** ResourceTable: one row per `rows` item with our cell slots, `no-rows` when empty. */
export const ResourceTableStub = {
  name:     'ResourceTable',
  props:    ['rows', 'headers', 'tableActions', 'rowActions', 'schema', 'namespaced', 'groupable', 'useQueryParamsForSimpleFiltering'],
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
