import {
  clearDraft, editForm, IMPORT_FORM, loadDraft, markDraftOpen, saveDraft, type FormValues,
} from './session-records';
import { formRoute, isSameForm, type RouteLike } from './routes';
import type { ShellStore } from '../adapters/shell-store';

/**
 * The form's side of the login resume: Import Existing and Edit Config keep a draft of what the
 * user typed and bring it back after a login. The form provides `name`, `description`, `value`,
 * `mode` and `isCreate`; Edit Config calls `restoreEditDraft()` once the cluster's config is
 * loaded, and both call `forgetDraft()` after saving or on Cancel.
 */

type Metadata = { labels?: Record<string, string>; annotations?: Record<string, string> };

interface RouterHooks {
  beforeEach?(hook: (to: RouteLike) => void): () => void;
  afterEach?(hook: (to: RouteLike, from: RouteLike, failure?: unknown) => void): () => void;
}

/** What the mixin reads from the form that uses it, and what it adds. */
interface DraftHost {
  mode: string;
  isCreate: boolean;
  name: string;
  description: string;
  value: { id: string; metadata: Metadata };
  $store: ShellStore;
  $route?: RouteLike;
  $router?: RouterHooks;
  draft: FormValues;
  draftForm: string;
  draftRestored: boolean;
  draftBaseline: FormValues | undefined;
  draftReady: boolean;
  stopFollowingRoutes?: () => void;
  applyDraft(draft: FormValues): void;
}

const userOf = (host: DraftHost): string | undefined => host.$store.getters['auth/principalId'];

export default {
  data(this: DraftHost) {
    return {
      draftRestored: false,
      /** what the form started from: a draft equal to it is no draft (Edit Config: the saved config) */
      draftBaseline: undefined,
      /** Edit Config keeps nothing until its config is loaded */
      draftReady:    this.mode === 'create',
    };
  },

  created(this: DraftHost) {
    const draft = this.isCreate ? loadDraft(IMPORT_FORM, userOf(this)) : undefined;

    if (draft) {
      this.applyDraft(draft);
    }
  },

  // An open draft is one the user did not navigate away from: after a session ends here (the
  // shell tears the page down and reloads it, no navigation), the next login comes back to it.
  // Marked closed when a navigation away starts: the shell may unmount the form before it ends.
  mounted(this: DraftHost) {
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

  beforeUnmount(this: DraftHost) {
    this.stopFollowingRoutes?.();
  },

  computed: {
    /** Which draft this form keeps: Import Existing's, or this cluster's Edit Config. */
    draftForm(this: DraftHost): string {
      return this.isCreate ? IMPORT_FORM : editForm(this.value.id);
    },

    draft(this: DraftHost): FormValues {
      return {
        name:        this.name,
        description: this.description,
        labels:      { ...(this.value.metadata?.labels || {}) },
        annotations: { ...(this.value.metadata?.annotations || {}) },
      };
    },
  },

  watch: {
    draft(this: DraftHost, neu: FormValues) {
      if (this.draftReady) {
        saveDraft(this.draftForm, userOf(this), neu, formRoute(this.$route || {}), this.draftBaseline);
      }
    },
  },

  methods: {
    applyDraft(this: DraftHost, draft: FormValues) {
      const metadata = this.value.metadata;

      if (this.isCreate) {
        this.name = draft.name;
        metadata['labels'] = { ...(metadata.labels || {}), ...draft.labels };
        metadata['annotations'] = { ...(metadata.annotations || {}), ...draft.annotations };
      } else {
        metadata['labels'] = draft.labels;
        metadata['annotations'] = draft.annotations;
      }
      this.description = draft.description;
      this.draftRestored = true;
    },

    /** Edit Config: the changes kept from before the session ended, over the config just loaded. */
    restoreEditDraft(this: DraftHost) {
      this.draftBaseline = this.draft;
      const draft = loadDraft(this.draftForm, userOf(this));

      if (draft) {
        this.applyDraft(draft);
      }
      this.draftReady = true;
    },

    forgetDraft(this: DraftHost) {
      clearDraft(this.draftForm);
    },
  },
};
