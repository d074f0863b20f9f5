import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

export const STATE_FILE = 'state.json';
export const STATE_FORMAT = 'harvester-manager-sim/v1';

export class CorruptStateError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`Simulator state file ${ file } is unreadable (${ reason }). Nothing was loaded and nothing will be overwritten. ` +
      'Fix or move the file away, or start with --reset to discard it and seed a fresh state.');
  }
}

export function stateFilePath(dataDir: string): string {
  return join(dataDir, STATE_FILE);
}

/**
 * Read `<dataDir>/state.json`, what the simulator saved before its state moved to SQLite
 * (sim/store/durable-store.ts); undefined when absent, CorruptStateError when unusable.
 */
export function readStateFile<T extends { format?: string }>(dataDir: string): T | undefined {
  const file = stateFilePath(dataDir);

  if (!existsSync(file)) {
    return undefined;
  }
  let parsed: T;

  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new CorruptStateError(file, (e as Error).message);
  }
  if (!parsed || typeof parsed !== 'object' || parsed.format !== STATE_FORMAT) {
    throw new CorruptStateError(file, `expected format "${ STATE_FORMAT }"`);
  }

  return parsed;
}
