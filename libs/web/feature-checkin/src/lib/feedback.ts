import type { CheckinVerdict } from '@plenary/contracts';

let audio: AudioContext | null = null;

/** Tones per verdict: one high beep (green), two middle beeps (yellow), one long low buzz (red). */
const TONES: Record<'green' | 'yellow' | 'red', { frequency: number; seconds: number; count: number }> = {
  green: { frequency: 1320, seconds: 0.15, count: 1 },
  yellow: { frequency: 660, seconds: 0.12, count: 2 },
  red: { frequency: 220, seconds: 0.5, count: 1 },
};

const VIBRATION: Record<'green' | 'yellow' | 'red', number[]> = {
  green: [80],
  yellow: [80, 80, 80],
  red: [400],
};

export function verdictColour(verdict: CheckinVerdict): 'green' | 'yellow' | 'red' {
  if (verdict === 'admitted') return 'green';
  if (verdict === 'already_checked_in') return 'yellow';
  return 'red';
}

/** Beeps (WebAudio) and vibrates where the device can; silently does nothing elsewhere. */
export function signalVerdict(verdict: CheckinVerdict): void {
  const colour = verdictColour(verdict);
  try {
    if (typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION[colour]);
  } catch {
    // No vibration.
  }
  try {
    const Context = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Context) return;
    audio ??= new Context();
    void audio.resume();
    const tone = TONES[colour];
    for (let index = 0; index < tone.count; index += 1) {
      const start = audio.currentTime + index * tone.seconds * 2;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = colour === 'red' ? 'square' : 'sine';
      oscillator.frequency.value = tone.frequency;
      gain.gain.setValueAtTime(0.2, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + tone.seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + tone.seconds);
    }
  } catch {
    // No sound.
  }
}
