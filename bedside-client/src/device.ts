/**
 * This handheld's identity. The server keys the positive patient ID (the
 * bedside context) by device, so it must survive reloads: localStorage.
 */
const DEVICE_KEY = 'wardscan.deviceId';

export function deviceId(storage: Storage = localStorage): string {
  const existing = storage.getItem(DEVICE_KEY);
  if (existing) return existing;
  const made = `handheld-${crypto.randomUUID()}`;
  storage.setItem(DEVICE_KEY, made);
  return made;
}

/** A fresh event id: the server records each id once, so a retried send is harmless. */
export function newEventId(): string {
  return crypto.randomUUID();
}
