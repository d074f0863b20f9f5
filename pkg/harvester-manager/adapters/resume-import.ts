import { afterLoginNavigation, type ResumeProgress, type RouteLike } from '../domain/login-resume';
import {
  BLANK_CLUSTER, CREATE_ROUTE_NAME, HARVESTER_CLUSTER_TYPE, PRODUCT_NAME,
} from '../config/constants';
import { importDraftAwaitsResume } from './import-draft';

// The shell's onLogin hook: follows the navigations that end on the landing page after a login and,
// when this user's Import Existing form was open with something typed, goes back to it.

export const IMPORT_FORM_ROUTE = {
  name: CREATE_ROUTE_NAME, params: { cluster: BLANK_CLUSTER, product: PRODUCT_NAME, resource: HARVESTER_CLUSTER_TYPE },
};

interface Route extends RouteLike {
  params?: Record<string, unknown>;
}

interface RouterLike {
  afterEach(hook: (to: Route, from: Route) => void): () => void;
  replace(to: unknown): Promise<unknown>;
}

export function isImportFormRoute(route: Route): boolean {
  return route.name === CREATE_ROUTE_NAME && route.params?.product === PRODUCT_NAME && route.params?.resource === HARVESTER_CLUSTER_TYPE;
}

export function resumeImportAfterLogin(store: any): void {
  const router: RouterLike | undefined = store?.$router || store?.state?.$router;
  const user = () => store.getters['auth/principalId'];

  if (!router?.afterEach || !importDraftAwaitsResume(user())) {
    return;
  }
  let progress: ResumeProgress = { cameFromLogin: false };
  const stop = router.afterEach((to, from) => {
    const result = afterLoginNavigation(progress, from, to, { draftOpen: importDraftAwaitsResume(user()), onImportForm: isImportFormRoute(to) });

    progress = result.progress;
    if (result.step === 'wait') {
      return;
    }
    stop();
    if (result.step === 'resume') {
      router.replace(IMPORT_FORM_ROUTE).catch(() => undefined);
    }
  });
}
