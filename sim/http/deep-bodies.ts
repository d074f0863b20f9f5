import type { NextFunction, Request, Response } from 'express';
import { errors } from '../core/api-error';
import { tooDeep } from './json-depth';

/** A body nested deeper than the simulator handles is refused with 400 before any handler recurses into it. */
export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  next(req.body && typeof req.body === 'object' && tooDeep(req.body) ? errors.badRequest('the request body is nested too deeply: exceeded max depth') : undefined);
}
