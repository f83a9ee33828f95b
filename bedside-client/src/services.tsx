import { createContext, useContext } from 'react';
import type { ClientConfig, SessionUser } from '@wardscan/shared';
import type { HttpClient } from './api/http.js';

/** What every signed-in screen needs, built once by the App. */
export interface Services {
  http: HttpClient;
  deviceId: string;
  config: ClientConfig;
  user: SessionUser;
  token: string;
  /** Origin for socket.io; '' means this page's origin. */
  origin: string;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside a signed-in screen');
  return services;
}
