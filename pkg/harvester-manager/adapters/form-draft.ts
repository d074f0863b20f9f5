// What the Import Existing and Edit Config forms keep of what the user typed, until it is saved or
// cancelled. The shell answers an expired session (any 401) by reloading the tab into its login
// page, which loses the form; the draft survives that, and after the login we go back to the form
// (resume-after-login.ts), which brings the values back. sessionStorage: this tab only, gone when it
// closes; tied to the user, so another user logging in in the same tab never sees it. Name,
// description, labels and annotations only: nothing secret is kept.

const KEY_PREFIX = 'harvester-manager/draft/';

/** Which form a draft belongs to. */
export const IMPORT_FORM = 'import';
export const editForm = (provisioningId: string) => `edit/${ provisioningId }`;
export const draftKey = (form: string) => `${ KEY_PREFIX }${ form }`;

export interface FormValues {
  name: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Where the form is, to go back to it. */
export interface FormRoute {
  name: string;
  params: Record<string, string>;
  query: Record<string, string>;
}

interface SavedDraft extends FormValues {
  user: string;
  route: FormRoute;
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

const isStringMap = (value: unknown): value is Record<string, string> => !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
const canonical = (map: Record<string, string>) => JSON.stringify(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));

function sameValues(a: FormValues, b: FormValues): boolean {
  return a.name === b.name && a.description === b.description && canonical(a.labels) === canonical(b.labels) && canonical(a.annotations) === canonical(b.annotations);
}

function read(key: string, storage: Storage | undefined): SavedDraft | undefined {
  let saved: SavedDraft | null;

  try {
    saved = JSON.parse(storage?.getItem(key) || 'null');
  } catch {
    saved = null;
  }
  const valid = !!saved && typeof saved === 'object' && typeof saved.user === 'string' && typeof saved.name === 'string' &&
    typeof saved.description === 'string' && isStringMap(saved.labels) && isStringMap(saved.annotations) &&
    !!saved.route && typeof saved.route.name === 'string' && isStringMap(saved.route.params) && isStringMap(saved.route.query);

  return valid && saved ? saved : undefined;
}

function write(key: string, draft: SavedDraft, storage: Storage | undefined): void {
  try {
    storage?.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or refused: the form works without a draft
  }
}

export function clearDraft(form: string, storage = sessionStore()): void {
  try {
    storage?.removeItem(draftKey(form));
  } catch {
    // nothing to clear
  }
}

/** Keep what `user` typed; forget it when it is what the form started from (`baseline`). */
export function saveDraft(form: string, user: string | null | undefined, values: FormValues, route: FormRoute, baseline: FormValues = EMPTY, storage = sessionStore()): void {
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
export function openDraftRoute(user: string | null | undefined, storage = sessionStore()): FormRoute | undefined {
  if (!storage || !user) {
    return undefined;
  }
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) || '';
      const saved = key.startsWith(KEY_PREFIX) ? read(key, storage) : undefined;

      if (saved?.open && saved.user === user) {
        return saved.route;
      }
    }
  } catch {
    // unreadable storage: nothing to go back to
  }

  return undefined;
}

interface RouteLike {
  name?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

const FORM_PARAMS = ['product', 'resource', 'namespace', 'id'];

/** The route of a form, as kept with its draft: what identifies the form, nothing else. */
export function formRoute(route: RouteLike): FormRoute {
  const params: Record<string, string> = {};

  for (const key of ['cluster', ...FORM_PARAMS]) {
    if (typeof route.params?.[key] === 'string') {
      params[key] = route.params[key] as string;
    }
  }

  return {
    name: String(route.name || ''), params, query: typeof route.query?.mode === 'string' ? { mode: route.query.mode } : {}
  };
}

/** Does `route` show the same form (Import Existing, or Edit Config of the same cluster)? */
export function isSameForm(route: RouteLike, form: FormRoute): boolean {
  const other = formRoute(route);

  return other.name === form.name && other.query.mode === form.query.mode && FORM_PARAMS.every((key) => other.params[key] === form.params[key]);
}
