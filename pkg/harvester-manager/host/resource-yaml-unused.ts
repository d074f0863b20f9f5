import { defineComponent } from 'vue';

/**
 * `@shell/components/ResourceYaml` in the library build. The shell's CruResource imports it for
 * its "Edit as YAML" mode, which our form turns off (`:can-yaml="false"`, checked by
 * tests/unit/host-modules.test.ts); bundled, it brought CodeMirror, a diff viewer and highlight.js.
 */
export default defineComponent({
  name: 'ResourceYaml',
  setup() {
    throw new Error('Harvester Manager: the YAML editor is not part of this extension (forms use can-yaml=false)');
  },
});
