// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildIdOf, manifestLine } from './vite-plugin.js';

describe('service worker build id', () => {
  const files: [string, string][] = [['assets/index-A.js', 'console.log(1)'], ['index.html', '<html>'], ['public/icon.svg', '<svg/>']];

  it('is the same for the same files, in any order', () => {
    expect(buildIdOf(files)).toMatch(/^[0-9a-f]{16}$/);
    expect(buildIdOf([...files].reverse())).toBe(buildIdOf(files));
  });

  it('changes when any file, its name or its content changes', () => {
    const id = buildIdOf(files);
    expect(buildIdOf([...files.slice(0, 2), ['public/icon.svg', '<svg />']])).not.toBe(id);
    expect(buildIdOf([['assets/index-B.js', 'console.log(1)'], ...files.slice(1)])).not.toBe(id);
    expect(buildIdOf(files.slice(1))).not.toBe(id);
    expect(buildIdOf([['a', 'bc']])).not.toBe(buildIdOf([['ab', 'c']]));
  });

  it('is written as the first line of sw.js, where the worker reads it', () => {
    const line = manifestLine({ id: 'abc', shell: ['/'] });
    const scope: { __WARDSCAN_BUILD__?: unknown } = {};
    new Function('globalThis', line)(scope);
    expect(scope.__WARDSCAN_BUILD__).toEqual({ id: 'abc', shell: ['/'] });
    expect(line.endsWith('\n')).toBe(true);
  });
});
