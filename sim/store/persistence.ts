import {
  closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync
} from 'fs';
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

/** Read `<dataDir>/state.json`; undefined when absent, CorruptStateError when unusable. */
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

/**
 * Atomic replace: write a temp file in the same directory, fsync it, rename over the target,
 * fsync the directory. A crash at any point leaves either the old or the new file, never a
 * half-written one.
 */
export function writeStateFileAtomic(dataDir: string, state: unknown): void {
  mkdirSync(dataDir, { recursive: true });
  const file = stateFilePath(dataDir);
  const tmp = `${ file }.${ process.pid }.${ Date.now() }.tmp`;
  const fd = openSync(tmp, 'w', 0o600);

  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch { /* already gone */ }
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
  try {
    const dirFd = openSync(dataDir, 'r');

    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Directory fsync is not supported everywhere (e.g. some container filesystems).
  }
}

/**
 * Debounced saver: many writes in a burst become one file write; `flush()` writes now (used
 * on shutdown). `maxDelayMs` bounds how stale the file can get under constant churn.
 */
export class DebouncedWriter {
  private timer?: NodeJS.Timeout;
  private firstDirtyAt?: number;
  private dirty = false;

  constructor(private write: () => void, private delayMs = 250, private maxDelayMs = 2000) {}

  markDirty(): void {
    this.dirty = true;
    const now = Date.now();

    this.firstDirtyAt = this.firstDirtyAt ?? now;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    const wait = Math.max(0, Math.min(this.delayMs, this.firstDirtyAt + this.maxDelayMs - now));

    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty) {
      return;
    }
    this.dirty = false;
    this.firstDirtyAt = undefined;
    try {
      this.write();
    } catch (e) {
      this.dirty = true;
      console.error('[sim] failed to save state:', (e as Error).message); // eslint-disable-line no-console
    }
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
