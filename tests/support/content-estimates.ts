// Honest-estimate and plain-language measures for the course content (used by tests/unit/content.test.ts).
// No package: a simple syllable counter is enough for Flesch reading ease at the level we check (≥ 60).
import { plainText, type Section, sentences, words } from '../../functions/domain/programme/content/schema.js';
import { SPEAKING_WPM } from '../../web/src/features/programme/listenTiming.js';

/** Reading speed for the estimates. */
export const READING_WPM = 200;
/** Speaking speed of the listen player (speech synthesis at rate 0.9), from the player itself. */
export { SPEAKING_WPM };

/** Syllables in one word: vowel groups, less a silent final e, at least one. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|[^laeiouy]e|ed)$/, (m) => (m === 'ed' ? '' : m.slice(0, 1))).replace(/^y/, '');
  const groups = w.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups);
}

/** Flesch reading ease of some texts taken together (higher is easier; 60–70 is plain English). */
export function fleschReadingEase(texts: string[]): number {
  const allSentences = texts.flatMap((t) => sentences(t));
  const allWords = texts.flatMap((t) => words(t));
  const syl = allWords.reduce((sum, w) => sum + syllables(w), 0);
  return 206.835 - 1.015 * (allWords.length / allSentences.length) - 84.6 * (syl / allWords.length);
}

/** How a language is read: its reading speed and how its words are found (English words are ASCII). */
export interface ReadingRate {
  wpm: number;
  words: (text: string) => string[];
}
export const ENGLISH: ReadingRate = { wpm: READING_WPM, words };

const count = (texts: string[], rate: ReadingRate = ENGLISH) =>
  texts.reduce((n, t) => n + rate.words(plainText(t)).length, 0);

/** Every piece of prose in a section that a person reads or hears. */
export function sectionText(s: Section): string[] {
  switch (s.kind) {
    case 'reading':
      return s.paragraphs;
    case 'listen':
      return [s.intro, ...s.script.map((l) => l.text)];
    case 'exercise':
      return [...s.intro, ...s.fields.flatMap((f) => [f.label, ...(f.help ? [f.help] : [])])];
  }
}

/**
 * Minutes a section really takes: reading at 200 words a minute; a listen section's intro read, its script spoken at
 * 150 words a minute plus its pauses; an exercise takes its stated time (writing time cannot be counted from words).
 */
export function computedMinutes(s: Section): number {
  switch (s.kind) {
    case 'reading':
      return readingMinutes(s, ENGLISH);
    case 'listen':
      return (
        count([s.intro]) / READING_WPM +
        count(s.script.map((l) => l.text)) / SPEAKING_WPM +
        s.script.reduce((sum, l) => sum + (l.pauseAfterSeconds ?? 0), 0) / 60
      );
    case 'exercise':
      return s.minutes;
  }
}

/** Minutes to read a reading section at a language's rate (computedMinutes uses English). */
export function readingMinutes(s: Extract<Section, { kind: 'reading' }>, rate: ReadingRate): number {
  return count(s.paragraphs, rate) / rate.wpm;
}

/** The least an exercise can honestly take: reading its words, and half a minute for each thing to answer. */
export function exerciseFloorMinutes(s: Extract<Section, { kind: 'exercise' }>): number {
  return count(sectionText(s)) / READING_WPM + 0.5 * s.fields.length;
}

/** Off by more than 20 % (with half a minute allowed for rounding a section to whole minutes). */
export function offBy(stated: number, computed: number, roundingSlack = 0.5): boolean {
  return Math.abs(stated - computed) > Math.max(0.2 * computed, roundingSlack);
}

/** Words of reading in a module (reading sections only). */
export function readingWords(sections: readonly Section[]): number {
  return count(sections.flatMap((s) => (s.kind === 'reading' ? s.paragraphs : [])));
}
