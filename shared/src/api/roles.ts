import { z } from 'zod';

export const ROLES = ['nurse', 'pharmacist', 'ward-manager', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
