import type { VerdictOutcome } from '@wardscan/shared';

/*
 * Each outcome sounds and feels different so a nurse looking at the patient,
 * not the screen, still knows: one short high beep for a match, two mid
 * beeps for a warning, three long low buzzes for a stop.
 */
interface Tone {
  frequency: number;
  type: OscillatorType;
  beepMs: number;
  gapMs: number;
  count: number;
}

export const TONES: Record<VerdictOutcome, Tone | null> = {
  match: { frequency: 1320, type: 'sine', beepMs: 120, gapMs: 0, count: 1 },
  warning: { frequency: 660, type: 'triangle', beepMs: 180, gapMs: 120, count: 2 },
  stop: { frequency: 220, type: 'square', beepMs: 400, gapMs: 150, count: 3 },
  info: null,
};

/** navigator.vibrate patterns (ms on, off, on…). */
export const VIBRATIONS: Record<VerdictOutcome, number[]> = {
  match: [80],
  warning: [150, 100, 150],
  stop: [400, 150, 400, 150, 400],
  info: [],
};

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audio ??= new AudioContext();
  return audio;
}

export function playOutcome(outcome: VerdictOutcome): void {
  const pattern = VIBRATIONS[outcome];
  if (pattern.length > 0 && typeof navigator.vibrate === 'function') navigator.vibrate(pattern);
  const tone = TONES[outcome];
  const context = tone ? audioContext() : null;
  if (!tone || !context) return;
  void context.resume().catch(() => undefined);
  for (let i = 0; i < tone.count; i += 1) {
    const start = context.currentTime + (i * (tone.beepMs + tone.gapMs)) / 1000;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = tone.type;
    oscillator.frequency.value = tone.frequency;
    gain.gain.setValueAtTime(0.25, start);
    gain.gain.setValueAtTime(0, start + tone.beepMs / 1000);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + tone.beepMs / 1000 + 0.02);
  }
}
