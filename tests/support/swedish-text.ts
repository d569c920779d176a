// Word counting and readability for the Swedish content (used by content-sv.test.ts and content-sv-extras.test.ts).
import { plainText, sentences } from '../../functions/domain/programme/content/schema.js';
import type { ReadingRate } from './content-estimates.js';

/** Swedish words: letters include å, ä, ö (the English counter only knows A–Z). */
export const swedishWords = (text: string): string[] =>
  plainText(text).match(/[\p{L}0-9]+(?:['’:-][\p{L}0-9]+)*/gu) ?? [];

/** Swedish is read a little slower than English (the brief's rate). */
export const SWEDISH: ReadingRate = { wpm: 180, words: swedishWords };

/** LIX readability: words per sentence plus the percentage of long words (more than 6 letters). */
export function lix(texts: string[]): number {
  const allWords = texts.flatMap(swedishWords);
  const allSentences = texts.flatMap((t) => sentences(t));
  const long = allWords.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 6).length;
  return allWords.length / allSentences.length + (100 * long) / allWords.length;
}
