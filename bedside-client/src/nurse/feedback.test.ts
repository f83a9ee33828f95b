import { afterEach, describe, expect, it, vi } from 'vitest';
import { playOutcome, TONES, VIBRATIONS } from './feedback.js';

/*
 * WebAudio and the vibration motor are the browser's, outside the project:
 * stand-ins record what the app asked them to do.
 */
const started: { type: OscillatorType; frequency: number }[] = [];

class RecordingAudioContext {
  currentTime = 0;
  destination = {};
  resume = async () => undefined;
  createGain() {
    return { gain: { setValueAtTime: () => undefined }, connect: (next: unknown) => next };
  }
  createOscillator() {
    const oscillator = {
      type: 'sine' as OscillatorType,
      frequency: { value: 0 },
      connect: (next: unknown) => next,
      start: () => started.push({ type: oscillator.type, frequency: oscillator.frequency.value }),
      stop: () => undefined,
    };
    return oscillator;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  started.length = 0;
});

describe('playOutcome', () => {
  it('gives each outcome its own sound and vibration', () => {
    const vibrate = vi.fn();
    vi.stubGlobal('AudioContext', RecordingAudioContext);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    playOutcome('stop');
    expect(vibrate).toHaveBeenLastCalledWith([400, 150, 400, 150, 400]);
    expect(started).toEqual([{ type: 'square', frequency: 220 }, { type: 'square', frequency: 220 }, { type: 'square', frequency: 220 }]);
    started.length = 0;
    playOutcome('match');
    expect(started).toEqual([{ type: 'sine', frequency: 1320 }]);
    expect(vibrate).toHaveBeenLastCalledWith([80]);
  });

  it('has no two outcomes that sound or feel the same', () => {
    const sounds = Object.values(TONES).filter(Boolean).map((tone) => JSON.stringify(tone));
    expect(new Set(sounds).size).toBe(sounds.length);
    const patterns = Object.values(VIBRATIONS).map((pattern) => pattern.join(','));
    expect(new Set(patterns).size).toBe(patterns.length);
  });
});
