import {
  isKeptRoute, isProductRoute, isStringMap, keptPage, type KeptRoute, type RouteLike,
} from './routes';

// What survives the shell's answer to an expired session (it reloads the tab into its login page,
// without a navigation): in sessionStorage (this tab only, gone when it closes), tied to the user
// so another user logging in in the same tab never sees it.
// - a draft per form (Import Existing, Edit Config of one cluster): name, description, labels and
//   annotations only, nothing secret; kept until saved or cancelled;
// - the page of this product the user is on; any navigation elsewhere (a deliberate Log Out too)
//   forgets it.

const DRAFT_PREFIX = 'harvester-manager/draft/';
const LAST_PAGE_KEY = 'harvester-manager/last-page';

/** Which form a draft belongs to. */
export const IMPORT_FORM = 'import';
export const editForm = (provisioningId: string) => `edit/${ provisioningId }`;
export const draftKey = (form: string) => `${ DRAFT_PREFIX }${ form }`;

export interface FormValues {
  name: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface SavedDraft extends FormValues {
  user: string;
  route: KeptRoute;
  /** the form is on screen, or was when the page went away without a navigation */
  open: boolean;
}

const EMPTY: FormValues = {
  name: '', description: '', labels: {}, annotations: {},
};

function sessionStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

/** Any storage failure (full, refused, unreadable) leaves the product working as without a record. */
function attempt<T>(work: () => T, otherwise: T): T {
  try {
    return work();
  } catch {
    return otherwise;
  }
}

const parse = (text: string | null | undefined): unknown => attempt(() => JSON.parse(text || 'null'), null);
const canonical = (map: Record<string, string>) => JSON.stringify(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));

function sameValues(a: FormValues, b: FormValues): boolean {
  return a.name === b.name && a.description === b.description && canonical(a.labels) === canonical(b.labels) && canonical(a.annotations) === canonical(b.annotations);
}

function isSavedDraft(saved: unknown): saved is SavedDraft {
  const draft = saved as SavedDraft;

  return !!draft && typeof draft === 'object' && typeof draft.user === 'string' && typeof draft.name === 'string' &&
    typeof draft.description === 'string' && isStringMap(draft.labels) && isStringMap(draft.annotations) && isKeptRoute(draft.route);
}

function read(key: string, storage: Storage | undefined): SavedDraft | undefined {
  const saved = attempt(() => parse(storage?.getItem(key)), null);

  return isSavedDraft(saved) ? saved : undefined;
}

function write(key: string, draft: SavedDraft, storage: Storage | undefined): void {
  attempt(() => storage?.setItem(key, JSON.stringify(draft)), undefined);
}

export function clearDraft(form: string, storage = sessionStore()): void {
  attempt(() => storage?.removeItem(draftKey(form)), undefined);
}

/** Keep what `user` typed; forget it when it is what the form started from (`baseline`). */
export function saveDraft(form: string, user: string | null | undefined, values: FormValues, route: KeptRoute, baseline: FormValues = EMPTY, storage = sessionStore()): void {
  if (!storage || !user) {
    return;
  }
  if (sameValues(values, baseline)) {
    clearDraft(form, storage);

    return;
  }
  write(draftKey(form), {
    user, route, open: true, name: values.name, description: values.description, labels: { ...values.labels }, annotations: { ...values.annotations },
  }, storage);
}

/** The draft `user` left in this tab for `form`, if any; anyone else's, or an unreadable one, is dropped. */
export function loadDraft(form: string, user: string | null | undefined, storage = sessionStore()): FormValues | undefined {
  if (!storage || !user) {
    return undefined;
  }
  const saved = read(draftKey(form), storage);

  if (!saved || saved.user !== user) {
    clearDraft(form, storage);

    return undefined;
  }

  return {
    name: saved.name, description: saved.description, labels: saved.labels, annotations: saved.annotations,
  };
}

/** The form is on screen (true) or was left by a navigation (false). */
export function markDraftOpen(form: string, open: boolean, storage = sessionStore()): void {
  const saved = read(draftKey(form), storage);

  if (saved && saved.open !== open) {
    write(draftKey(form), { ...saved, open }, storage);
  }
}

/** The form `user` had open with a draft when the page went away: worth going back to. */
export function openDraftRoute(user: string | null | undefined, storage = sessionStore()): KeptRoute | undefined {
  if (!storage || !user) {
    return undefined;
  }

  return attempt(() => {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) || '';
      const saved = key.startsWith(DRAFT_PREFIX) ? read(key, storage) : undefined;

      if (saved?.open && saved.user === user) {
        return saved.route;
      }
    }

    return undefined;
  }, undefined);
}

/** After each navigation: remember a page of this product, forget it when the user went elsewhere. */
export function notePage(user: string | null | undefined, route: RouteLike, storage = sessionStore()): void {
  attempt(() => {
    if (user && isProductRoute(route)) {
      storage?.setItem(LAST_PAGE_KEY, JSON.stringify({ user, route: keptPage(route) }));
    } else {
      storage?.removeItem(LAST_PAGE_KEY);
    }
  }, undefined);
}

/** The product page `user` was on when the page went away without a navigation, if any. */
export function lastPage(user: string | null | undefined, storage = sessionStore()): KeptRoute | undefined {
  const saved = attempt(() => parse(storage?.getItem(LAST_PAGE_KEY)), null) as { user?: unknown; route?: unknown } | null;

  return saved && user && saved.user === user && isKeptRoute(saved.route) && isProductRoute(saved.route) ? saved.route : undefined;
}
