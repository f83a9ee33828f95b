import { DEFAULT_RADAR_SETTINGS, idSchema, radarQuerySchema, radarSettingsInputSchema, radarSettingsSchema, type WardRadar, type WardRadarSettings } from '@wardscan/shared';
import { Router } from 'express';
import { requireWardAccess } from '../auth/service.js';
import { invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { detectWorkarounds } from './detectors.js';
import { loadRadarRows, radarSettingsOf, saveRadarSettings } from './events.js';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 7;
const MAX_DAYS = 92;

/**
 * The workaround radar (issue 15), for the ward's manager and admins:
 * `GET /wards/:id/radar?from&to` (default the last 7 days), and the ward's
 * thresholds at `GET`/`PUT /wards/:id/radar-settings` (a change is audited).
 */
export function radarRoutes(deps: AppDeps): Router {
  const { repos, config } = deps;
  const router = Router();

  const wardOf = (raw: unknown): { wardId: string; timeZone: string } => {
    const wardId = parseInput(idSchema, raw, 'ward id');
    const timeZone = repos.wards.timeZone(wardId);
    if (timeZone === undefined) throw notFound('Ward');
    return { wardId, timeZone };
  };
  const settingsView = (wardId: string): WardRadarSettings => ({ wardId, ...radarSettingsOf(repos, wardId), defaults: DEFAULT_RADAR_SETTINGS });

  router.get('/wards/:id/radar', (req, res) => {
    const user = userOf(res);
    const { wardId, timeZone } = wardOf(req.params.id);
    requireWardAccess(user, wardId, 'ward-manager');
    const q = parseInput(radarQuerySchema, req.query, 'query');
    const to = q.to ? new Date(q.to) : config.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY);
    if (from >= to) throw invalid('from must be before to.', 'from');
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY) throw invalid(`The radar reads at most ${MAX_DAYS} days at a time.`, 'from');
    const { settings } = radarSettingsOf(repos, wardId);
    const rows = loadRadarRows({ repos, config, now: config.now(), user }, wardId, from, to, settings.preScanMaxMinutes);
    const flags = detectWorkarounds({ ...rows, from, to, settings });
    res.json({ wardId, timeZone, from: from.toISOString(), to: to.toISOString(), settings, flags } satisfies WardRadar);
  });

  router.get('/wards/:id/radar-settings', (req, res) => {
    const { wardId } = wardOf(req.params.id);
    requireWardAccess(userOf(res), wardId, 'ward-manager');
    res.json(settingsView(wardId));
  });

  router.put('/wards/:id/radar-settings', (req, res) => {
    const user = userOf(res);
    const { wardId } = wardOf(req.params.id);
    requireWardAccess(user, wardId, 'ward-manager');
    const own = parseInput(radarSettingsInputSchema, req.body, 'radar settings');
    // Checked again over the defaults: a maximum set alone must still be above the default minimum.
    const merged = radarSettingsSchema.safeParse({ ...DEFAULT_RADAR_SETTINGS, ...own });
    if (!merged.success) throw invalid(merged.error.issues[0]?.message ?? 'These thresholds do not fit together.', String(merged.error.issues[0]?.path[0] ?? ''));
    const now = config.now();
    repos.transaction(() => {
      saveRadarSettings(repos, wardId, own, now, user.id);
      repos.audit.append({ type: 'ward-settings', wardId, userId: user.id, summary: 'Workaround radar thresholds changed', detail: { radar: own } }, now);
    });
    res.json(settingsView(wardId));
  });
  return router;
}
