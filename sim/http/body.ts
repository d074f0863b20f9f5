import { errors } from '../core/api-error';

/** A request body that must be a JSON object (Norman and Steve both answer 422 otherwise). */
export function requireJsonObject(body: unknown): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- request JSON; each route checks the fields it uses
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw errors.invalidBody('request body must be a JSON object');
  }

  return body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- request JSON; each route checks the fields it uses
}
