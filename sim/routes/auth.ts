import { Request, Response, Router } from 'express';
import { verifyPassword } from '../auth/passwords';
import { SessionStore } from '../auth/sessions';
import { errors } from '../core/api-error';
import type { SimState } from '../state';
import { clearSessionCookie, requireUser, setSessionCookie } from '../http/context';

const LOCAL_PROVIDER = {
  id: 'local', type: 'localProvider', name: 'local', creatorId: null,
};

/**
 * Public auth endpoints (`/v1-public`, `/v3-public`) and logout. Login accepts the local
 * provider only, as the simulator has no external identity providers.
 */
export function authRoutes(state: SimState): Router {
  const router = Router();

  router.get(['/v1-public/authproviders', '/v3-public/authProviders', '/v3-public/authproviders'], (req, res) => {
    const provider = {
      ...LOCAL_PROVIDER, links: { self: `${ req.ctx.origin }/v3-public/authProviders/local` }, actions: { login: `${ req.ctx.origin }/v3-public/localProviders/local?action=login` }
    };

    res.json({
      type: 'collection', resourceType: 'authProvider', data: [provider]
    });
  });

  router.get(['/v3-public/authProviders/local', '/v3-public/localProviders/local'], (req, res) => {
    res.json({ ...LOCAL_PROVIDER, links: { self: `${ req.ctx.origin }/v3-public/authProviders/local` } });
  });

  const login = (body: Record<string, unknown>) => {
    if (!body || typeof body !== 'object') {
      throw errors.invalidBody('expected a JSON object with username and password');
    }
    const { username, password } = body as { username?: unknown, password?: unknown };

    if (body.type !== undefined && body.type !== 'localProvider') {
      throw errors.badRequest(`auth provider "${ String(body.type) }" is not enabled; use localProvider`);
    }
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw errors.unauthorized('authentication failed');
    }
    const user = state.findUserByUsername(username);

    if (!user || !verifyPassword(password, state.passwords.get(user.metadata.name))) {
      throw errors.unauthorized('authentication failed');
    }
    if (user.enabled === false) {
      throw errors.forbidden('user is disabled');
    }
    const description = typeof body.description === 'string' ? body.description.slice(0, 200) : 'UI session';

    // a login token expires after the session TTL also when it is answered as JSON (the CLI's)
    return state.sessions.create(user.metadata.name, description, body.responseType === 'cookie', true);
  };

  const loginHandler = (responseTypeDefault: string) => (req: Request, res: Response) => {
    const body = req.body || {};
    const token = login(body);
    const responseType = body.responseType || responseTypeDefault;

    if (responseType === 'cookie') {
      setSessionCookie(req, res, token);
      res.status(200).json({});

      return;
    }
    res.status(201).json({
      type: 'token', id: token.name, name: token.name, userId: token.userId, token: SessionStore.render(token), description: token.description,
    });
  };

  router.post('/v1-public/login', loginHandler('json'));
  router.post(['/v3-public/localProviders/local', '/v3-public/localproviders/local'], (req, res, next) => {
    if (req.query.action !== 'login') {
      return next(errors.methodNotAllowed('only ?action=login is supported'));
    }
    loginHandler('json')(req, res);
  });

  const logout = (req: Request, res: Response) => {
    if (req.ctx.token) {
      state.sessions.revoke(req.ctx.token.name);
    }
    clearSessionCookie(req, res);
    res.status(200).json({ type: 'logout' });
  };

  router.post('/v1/logout', logout);
  router.post('/v3/tokens', (req, res) => {
    if (req.query.action === 'logout') {
      return logout(req, res);
    }
    // API key for scripts (the CLI): a non-session token of the calling user.
    const { user } = requireUser(req);
    const description = typeof req.body?.description === 'string' ? req.body.description.slice(0, 200) : 'API key';
    const token = state.sessions.create(user.metadata.name, description, false);

    res.status(201).json({
      type: 'token', id: token.name, name: token.name, userId: token.userId, token: SessionStore.render(token), description, current: false, isDerived: false,
    });
  });

  return router;
}
