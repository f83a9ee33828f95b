// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alternate, createFrameDecoder } from './frame-decoder.js';

const frame = { width: 1, height: 1, data: new Uint8ClampedArray(4) } as ImageData;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('alternate', () => {
  it('gives frames to the quick and the thorough look in turn, starting quick', async () => {
    const looks: string[] = [];
    const decode = alternate(
      async () => (looks.push('quick'), null),
      async () => (looks.push('thorough'), 'raw'),
    );
    const reads = [];
    for (let i = 0; i < 5; i += 1) reads.push(await decode(frame));
    expect(looks).toEqual(['quick', 'thorough', 'quick', 'thorough', 'quick']);
    expect(reads).toEqual([null, 'raw', null, 'raw', null]);
  });
});

describe('createFrameDecoder', () => {
  it('falls back to zxing-js where the browser has no WebAssembly', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect((await createFrameDecoder()).engine).toBe('zxing-js');
  });

  it('falls back to zxing-js when the .wasm cannot be fetched, and tries again next time', async () => {
    // Node has no server behind the asset URL: the fetch fails as a blocked or missing file would.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const decoder = await createFrameDecoder();
    expect(decoder.engine).toBe('zxing-js');
    expect(await decoder.decode(frame)).toBeNull();
    const attempts = logged.mock.calls.length;
    expect((await createFrameDecoder()).engine).toBe('zxing-js');
    // A second fetch was tried (and failed again), not the first failure served from a cache.
    expect(logged.mock.calls.length).toBeGreaterThan(attempts);
  });
});
