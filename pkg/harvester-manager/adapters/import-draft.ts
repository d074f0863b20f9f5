// What the Import Existing form keeps of what the user typed, until the import succeeds or the
// user cancels. The shell answers an expired session (any 401) by reloading the tab into the
// login page, which loses the form; after logging in again we go back to the form (the draft is
// still marked open: the page went away without leaving the form) and it brings the values back. sessionStorage: this tab only, gone when it closes; tied to the user, so another
// user logging in in the same tab never sees it. Only name, description, labels and annotations:
// nothing secret is kept.

export const IMPORT_DRAFT_KEY = 'harvester-manager/import-draft';

export interface ImportDraft {
  name: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function sessionStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

function isStringMap(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isEmpty(draft: ImportDraft): boolean {
  return !draft.name && !draft.description && !Object.keys(draft.labels).length && !Object.keys(draft.annotations).length;
}

/** Keep (or, when nothing is typed, forget) the draft of `user`. */
export function saveImportDraft(user: string | null | undefined, draft: ImportDraft, storage = sessionStore()): void {
  if (!storage || !user) {
    return;
  }
  try {
    if (isEmpty(draft)) {
      storage.removeItem(IMPORT_DRAFT_KEY);
    } else {
      storage.setItem(IMPORT_DRAFT_KEY, JSON.stringify({
        user, name: draft.name, description: draft.description, labels: draft.labels, annotations: draft.annotations, open: true,
      }));
    }
  } catch {
    // storage full or refused: the form works without a draft
  }
}

/** The draft `user` left in this tab, if any; anyone else's is dropped. */
export function loadImportDraft(user: string | null | undefined, storage = sessionStore()): ImportDraft | undefined {
  if (!storage || !user) {
    return undefined;
  }
  let saved: any;

  try {
    saved = JSON.parse(storage.getItem(IMPORT_DRAFT_KEY) || 'null');
  } catch {
    saved = null;
  }
  if (!saved) {
    clearImportDraft(storage);

    return undefined;
  }
  const draft = {
    name: saved.name, description: saved.description, labels: saved.labels, annotations: saved.annotations,
  };

  if (saved.user !== user || typeof draft.name !== 'string' || typeof draft.description !== 'string' || !isStringMap(draft.labels) || !isStringMap(draft.annotations)) {
    clearImportDraft(storage);

    return undefined;
  }

  return isEmpty(draft) ? undefined : draft;
}

/**
 * Whether the form is on screen. It is marked closed when the user leaves the form by navigating;
 * a tab reloaded into the login page never leaves it, so the draft stays open.
 */
export function markImportDraftOpen(open: boolean, storage = sessionStore()): void {
  try {
    const saved = JSON.parse(storage?.getItem(IMPORT_DRAFT_KEY) || 'null');

    if (saved && typeof saved === 'object') {
      storage?.setItem(IMPORT_DRAFT_KEY, JSON.stringify({ ...saved, open }));
    }
  } catch {
    // unreadable drafts are dropped by loadImportDraft
  }
}

/** A draft of `user` whose form was open when the page went away: worth going back to. */
export function importDraftAwaitsResume(user: string | null | undefined, storage = sessionStore()): boolean {
  if (!loadImportDraft(user, storage)) {
    return false;
  }
  try {
    return JSON.parse(storage?.getItem(IMPORT_DRAFT_KEY) || 'null')?.open === true;
  } catch {
    return false;
  }
}

export function clearImportDraft(storage = sessionStore()): void {
  try {
    storage?.removeItem(IMPORT_DRAFT_KEY);
  } catch {
    // nothing to clear
  }
}
