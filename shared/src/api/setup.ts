import { z } from 'zod';
import { staffInputSchema } from './admin.js';

/**
 * `POST /api/setup/first-admin`: creates the first admin account of a ward
 * server that has none. `token` is the single-use set-up token the server
 * prints at start (in its set-up link, `/setup#token=…`) while no admin
 * exists; it is refused once used, and the route is closed once any admin
 * account exists.
 */
export const firstAdminRequestSchema = staffInputSchema
  .pick({ username: true, name: true, password: true })
  .extend({ token: z.string().min(1).max(200) })
  .strict();
export type FirstAdminRequest = z.infer<typeof firstAdminRequestSchema>;
