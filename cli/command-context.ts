import type { OpenHarvester } from './harvester-api';
import type { Io } from './io';
import type { RancherClient } from './rancher-client';

/** What every command gets from main: its streams, the Rancher client (made on first use), Harvester access. */
export interface CommandContext {
  io: Io;
  /** Resolves --server/--token/… and returns the client; usage errors surface here. */
  rancher(): RancherClient;
  openHarvester: OpenHarvester;
  /** Progress line to stderr (newline added). */
  progress(line: string): void;
}

/** Poll interval and timeout given on the command line, in milliseconds. */
export interface Timing {
  timeoutMs: number;
  intervalMs: number;
}
