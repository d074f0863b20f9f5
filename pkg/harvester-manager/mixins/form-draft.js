import {
  clearDraft, editForm, formRoute, IMPORT_FORM, isSameForm, loadDraft, markDraftOpen, saveDraft,
} from '../adapters/form-draft';

/**
 * What Import Existing and Edit Config keep of what the user typed (adapters/form-draft.ts): the
 * shell reloads the tab into its login page when the session ends, and this brings the values
 * back. The form provides `name`, `description`, `value` and `isCreate`; Edit Config calls
 * `restoreEditDraft()` once the cluster's config is loaded, and both call `forgetDraft()` after
 * saving or on Cancel.
 */
export default {
  data() {
    return {
      draftRestored: false,
      /** what the form started from: a draft equal to it is no draft (Edit Config: the saved config) */
      draftBaseline: undefined,
      /** Edit Config keeps nothing until its config is loaded */
      draftReady:    this.mode === 'create',
    };
  },

  created() {
    if (this.isCreate) {
      const draft = loadDraft(IMPORT_FORM, this.$store.getters['auth/principalId']);

      if (draft) {
        this.applyDraft(draft);
      }
    }
  },

  // An open draft is one the user did not navigate away from: after a session ends here (the
  // shell tears the page down and reloads it, no navigation), the next login comes back to it.
  // Marked closed when a navigation away starts: the shell may unmount the form before it ends.
  mounted() {
    const here = formRoute(this.$route || {});

    markDraftOpen(this.draftForm, true);
    const stops = [
      this.$router?.beforeEach?.((to) => {
        if (!isSameForm(to, here)) {
          markDraftOpen(this.draftForm, false);
        }
      }),
      this.$router?.afterEach?.((_to, _from, failure) => {
        if (failure) {
          markDraftOpen(this.draftForm, true); // still here
        }
      }),
    ];

    this.stopFollowingRoutes = () => stops.forEach((stop) => stop?.());
  },

  beforeUnmount() {
    this.stopFollowingRoutes?.();
  },

  computed: {
    /** Which draft this form keeps: Import Existing's, or this cluster's Edit Config. */
    draftForm() {
      return this.isCreate ? IMPORT_FORM : editForm(this.value.id);
    },

    draft() {
      return {
        name:        this.name,
        description: this.description,
        labels:      { ...(this.value.metadata?.labels || {}) },
        annotations: { ...(this.value.metadata?.annotations || {}) },
      };
    },
  },

  watch: {
    draft(neu) {
      if (this.draftReady) {
        saveDraft(this.draftForm, this.$store.getters['auth/principalId'], neu, formRoute(this.$route || {}), this.draftBaseline);
      }
    },
  },

  methods: {
    applyDraft(draft) {
      if (this.isCreate) {
        this.name = draft.name;
        this.value.metadata['labels'] = { ...(this.value.metadata.labels || {}), ...draft.labels };
        this.value.metadata['annotations'] = { ...(this.value.metadata.annotations || {}), ...draft.annotations };
      } else {
        this.value.metadata['labels'] = draft.labels;
        this.value.metadata['annotations'] = draft.annotations;
      }
      this.description = draft.description;
      this.draftRestored = true;
    },

    /** Edit Config: the changes kept from before the session ended, over the config just loaded. */
    restoreEditDraft() {
      this.draftBaseline = this.draft;
      const draft = loadDraft(this.draftForm, this.$store.getters['auth/principalId']);

      if (draft) {
        this.applyDraft(draft);
      }
      this.draftReady = true;
    },

    forgetDraft() {
      clearDraft(this.draftForm);
    },
  },
};
