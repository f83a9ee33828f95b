import type { WardAlert } from '@wardscan/shared';
import type { ServerConfig } from '../config.js';
import type { Repositories } from '../repositories.js';

/** What routes and socket handlers need: the stores, the settings, and a way to tell ward rooms. */
export interface AppDeps {
  readonly repos: Repositories;
  readonly config: ServerConfig;
  /** Emits committed alerts to their ward rooms, synchronously, before the caller answers. */
  readonly emitAlerts: (alerts: readonly WardAlert[]) => void;
}
