// How long the listen player takes over a script, shared with the content tests so a practice's stated minutes
// match what the player really does: speech at SPEAKING_WPM, captions-only mode at the same pace, plus every pause.
export interface TimedLine {
  text: string;
  pauseAfterSeconds?: number | undefined;
}

/** Speaking pace of the player (browser speech at rate 0.9 is about 150 words a minute). */
export const SPEAKING_WPM = 150;
/** Speech rate passed to the browser's speech synthesis. */
export const SPEECH_RATE = 0.9;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** How long a caption stays up in captions-only mode: as long as it takes to say it, at least 3 seconds. */
export function captionMs(text: string): number {
  return Math.max(3000, Math.round((wordCount(text) / SPEAKING_WPM) * 60_000));
}

/** Seconds the whole script takes in captions-only mode, pauses included. */
export function scriptSeconds(script: readonly TimedLine[]): number {
  return script.reduce((sum, l) => sum + captionMs(l.text) / 1000 + (l.pauseAfterSeconds ?? 0), 0);
}
