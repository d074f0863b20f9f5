import type { NextFunction, Request, Response } from 'express';
import type { SimState } from '../state';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While the data directory cannot be written, every request that may change something is refused
 * with 503 before it starts (sim/store/state-storage.ts): the first failing write already answered
 * 503, and nothing after it is half-applied in memory. Reads go on.
 */
export function refuseWritesWhileStorageFails(state: SimState) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!READS.has(req.method)) {
      state.refuseWritesWhileStorageFails();
    }
    next();
  };
}
