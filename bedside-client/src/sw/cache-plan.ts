/*
 * What the service worker keeps, by build. Pure functions, shared by the
 * worker (sw.ts) and the Vite plugin that writes the build's manifest into it
 * (vite-plugin.ts), so both agree and the rules are tested without a browser.
 *
 * Each build has its own cache, `wardscan-shell-<build id>`, holding exactly
 * that build's shell: the page, the manifest and icons, and its hashed assets.
 * A new build changes sw.js (its manifest is written into it), so the handheld
 * installs the new worker, which fills a new cache; on activate every older
 * Wardscan cache goes (the unversioned `wardscan-shell-v1` of earlier releases
 * too), and anything in the current cache that is not in this build is pruned.
 */

/** Written into sw.js at build time. */
export interface BuildManifest {
  /** Changes whenever any file of the build changes; the same for the same files. */
  readonly id: string;
  /** Every path of the build the worker keeps: the shell and the hashed assets. */
  readonly shell: readonly string[];
}

export const CACHE_PREFIX = 'wardscan-shell-';

/** Files of the app shell that are not hashed assets (public/, and the page itself). */
export const SHELL_FILES = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'] as const;

export function cacheName(buildId: string): string {
  return `${CACHE_PREFIX}${buildId}`;
}

/** The caches to delete when build `buildId` activates: every other Wardscan cache; others' caches are left alone. */
export function staleCaches(names: readonly string[], buildId: string): string[] {
  const current = cacheName(buildId);
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/** The build's files the worker keeps: the shell files and every hashed asset except source maps. */
export function shellOf(bundleFileNames: Iterable<string>): string[] {
  const assets = [...bundleFileNames]
    .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
    .map((file) => `/${file}`)
    .sort();
  return [...SHELL_FILES, ...assets];
}

/** Whether a response for `pathname` belongs in this build's cache: only the build's own files, never an older build's. */
export function belongsToBuild(pathname: string, manifest: BuildManifest): boolean {
  return manifest.shell.includes(pathname);
}

/** Cached request URLs (absolute) to delete from the current cache: those that are not files of this build. */
export function toPrune(cachedUrls: readonly string[], manifest: BuildManifest): string[] {
  return cachedUrls.filter((url) => !belongsToBuild(new URL(url).pathname, manifest));
}
