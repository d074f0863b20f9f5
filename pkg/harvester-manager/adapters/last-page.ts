import { PRODUCT_NAME } from '../config/constants';
import type { FormRoute } from './form-draft';

// The page of this product the user is on, kept for this tab and user. A session that ends reloads
// the tab into the login page without a navigation, so the record survives it and the login can
// go back there; any navigation elsewhere (including a deliberate Log Out) forgets it.

const LAST_PAGE_KEY = 'harvester-manager/last-page';

interface RouteLike {
  name?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

function sessionStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

const strings = (map: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(map).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export function isProductRoute(route: RouteLike | undefined): boolean {
  return route?.params?.product === PRODUCT_NAME && typeof route?.name === 'string';
}

/** After each navigation: remember a page of this product, forget it when the user went elsewhere. */
export function notePage(user: string | null | undefined, route: RouteLike, storage = sessionStore()): void {
  try {
    if (user && isProductRoute(route)) {
      storage?.setItem(LAST_PAGE_KEY, JSON.stringify({
        user,
        route: {
          name: route.name, params: strings(route.params), query: strings(route.query)
        }
      }));
    } else {
      storage?.removeItem(LAST_PAGE_KEY);
    }
  } catch {
    // storage refused: the login lands on Home, as without this
  }
}

/** The product page `user` was on when the page went away without a navigation, if any. */
export function lastPage(user: string | null | undefined, storage = sessionStore()): FormRoute | undefined {
  try {
    const saved = JSON.parse(storage?.getItem(LAST_PAGE_KEY) || 'null');

    return saved && user && saved.user === user && isProductRoute(saved.route) ? saved.route : undefined;
  } catch {
    return undefined;
  }
}
