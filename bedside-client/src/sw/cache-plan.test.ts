import { describe, expect, it } from 'vitest';
import { belongsToBuild, cacheName, SHELL_FILES, shellOf, staleCaches, toPrune, type BuildManifest } from './cache-plan.js';

const bundle = ['index.html', 'sw.js', 'sw.js.map', 'assets/index-B2.js', 'assets/index-B2.js.map', 'assets/index-C.css', 'assets/Catalogue-X1.js', 'assets/zxing_reader-W.wasm'];
const build: BuildManifest = { id: 'b2b2b2', shell: shellOf(bundle) };

describe('service worker cache plan', () => {
  it('names a cache by build', () => {
    expect(cacheName('b2b2b2')).toBe('wardscan-shell-b2b2b2');
    expect(cacheName('a1a1a1')).not.toBe(cacheName('b2b2b2'));
  });

  it("deletes every older build's cache and the unversioned one of earlier releases, and nobody else's", () => {
    const names = ['wardscan-shell-v1', 'wardscan-shell-a1a1a1', 'wardscan-shell-b2b2b2', 'someone-elses-cache'];
    expect(staleCaches(names, 'b2b2b2')).toEqual(['wardscan-shell-v1', 'wardscan-shell-a1a1a1']);
    expect(staleCaches(['wardscan-shell-b2b2b2'], 'b2b2b2')).toEqual([]);
  });

  it("keeps the shell files and the build's hashed assets, never source maps, the worker or the page under its file name", () => {
    expect(build.shell).toEqual([...SHELL_FILES, '/assets/Catalogue-X1.js', '/assets/index-B2.js', '/assets/index-C.css', '/assets/zxing_reader-W.wasm']);
  });

  it("prunes what is not this build's: an older build's assets, anything else the cache picked up", () => {
    const origin = 'https://wardscan.example';
    const cached = ['/', '/icon.svg', '/assets/index-B2.js', '/assets/index-A1.js', '/assets/Catalogue-A1.js', '/nurse', '/assets/index-B2.js.map'].map((p) => origin + p);
    expect(toPrune(cached, build)).toEqual(['/assets/index-A1.js', '/assets/Catalogue-A1.js', '/nurse', '/assets/index-B2.js.map'].map((p) => origin + p));
    expect(toPrune(build.shell.map((p) => origin + p), build)).toEqual([]);
  });

  it("stores only this build's files when they are fetched", () => {
    expect(belongsToBuild('/assets/index-B2.js', build)).toBe(true);
    expect(belongsToBuild('/assets/index-A1.js', build)).toBe(false);
    expect(belongsToBuild('/api/patients', build)).toBe(false);
  });
});
