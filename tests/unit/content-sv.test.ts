// The Swedish course content (issue 20): each sv module mirrors its English file exactly, only the words change,
// and its reading is honest about time and plain enough (LIX).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Module, parseContent } from '../../functions/domain/programme/content/schema.js';
import { offBy, readingMinutes } from '../support/content-estimates.js';
import { lix, SWEDISH, swedishWords } from '../support/swedish-text.js';

const contentDir = fileURLToPath(new URL('../../functions/domain/programme/content/', import.meta.url));
const svFiles = readdirSync(`${contentDir}sv/modules/`).filter((f) => f.endsWith('.json'));
const read = (path: string): unknown => JSON.parse(readFileSync(contentDir + path, 'utf8'));

/** Keys whose values are ids or enums, not prose: they must stay exactly as in English. */
const CODE_KEYS = new Set(['id', 'kind', 'type', 'activity', 'field', 'anyOf']);
/** Text allowed to stay the same in both languages: names, numbers and punctuation. */
const SAME_IN_BOTH = /^(?:Marcus|Priya|Helen|\d+|[\s\p{P}])+$/u;

/** Every way the Swedish value differs in shape from the English one, with the path where it does. */
function shapeProblems(en: unknown, sv: unknown, path: string, key = ''): string[] {
  if (Array.isArray(en)) {
    if (!Array.isArray(sv)) return [`${path}: not an array`];
    if (sv.length !== en.length) return [`${path}: ${sv.length} items, English has ${en.length}`];
    return en.flatMap((item, i) => shapeProblems(item, sv[i], `${path}.${i}`, key));
  }
  if (en !== null && typeof en === 'object') {
    if (sv === null || typeof sv !== 'object' || Array.isArray(sv)) return [`${path}: not an object`];
    const enKeys = Object.keys(en).sort();
    const svKeys = Object.keys(sv).sort();
    if (enKeys.join() !== svKeys.join()) return [`${path}: keys ${svKeys.join()}, English has ${enKeys.join()}`];
    return enKeys.flatMap((k) =>
      shapeProblems((en as Record<string, unknown>)[k], (sv as Record<string, unknown>)[k], `${path}.${k}`, k),
    );
  }
  if (typeof en !== typeof sv) return [`${path}: ${typeof sv}, English has ${typeof en}`];
  if (typeof en === 'string') {
    const text = sv as string;
    if (CODE_KEYS.has(key)) return text === en ? [] : [`${path}: "${text}" must stay "${en}"`];
    if (text.trim() === '') return [`${path}: empty`];
    if (text === en && !SAME_IN_BOTH.test(text)) return [`${path}: still in English: "${en}"`];
    return [];
  }
  // Minutes are recomputed for the Swedish text; every other number and flag stays (counts, pauses, number).
  if (key !== 'minutes' && sv !== en) return [`${path}: ${String(sv)}, English has ${String(en)}`];
  return [];
}

describe('Swedish modules', () => {
  it('there is at least one, named exactly like an English module', () => {
    const english = readdirSync(`${contentDir}modules/`);
    expect(svFiles.length).toBeGreaterThan(0);
    for (const f of svFiles) expect(english, f).toContain(f);
  });

  describe.each(svFiles)('%s', (file) => {
    const en = read(`modules/${file}`);
    const raw = read(`sv/modules/${file}`);

    it('parses with the module schema as it is', () => {
      expect(parseContent(`sv/modules/${file}`, Module, raw)).toEqual(raw);
    });

    it('has exactly the English shape: keys, ids, kinds, counts and pauses; every text written in Swedish', () => {
      expect(shapeProblems(en, raw, file)).toEqual([]);
    });

    it('states honest minutes for each reading section (180 words a minute) and for the module', () => {
      const m = raw as Module;
      const problems = m.sections.flatMap((s) => {
        if (s.kind !== 'reading') return [];
        const computed = readingMinutes(s, SWEDISH);
        return offBy(s.minutes, Math.max(1, computed)) ? [`${s.id}: states ${s.minutes}, reads in ${computed}`] : [];
      });
      expect(problems).toEqual([]);
      // Sections other than reading keep the English estimate's basis (spoken script, writing time).
      const total = m.sections.reduce(
        (sum, s) => sum + (s.kind === 'reading' ? Math.max(1, readingMinutes(s, SWEDISH)) : s.minutes),
        0,
      );
      expect(offBy(m.minutes, total, 0), `module states ${m.minutes}, sections add up to ${total}`).toBe(false);
    });

    it('keeps each reading section plain: LIX at most 45', () => {
      const m = raw as Module;
      const scores = m.sections.flatMap((s) => (s.kind === 'reading' ? [[s.id, lix(s.paragraphs)] as const] : []));
      expect(scores.filter(([, score]) => score > 45)).toEqual([]);
    });

    it('keeps the three people and the Need help now? pointer where the English has them', () => {
      const enText = JSON.stringify(en);
      const svText = JSON.stringify(raw);
      for (const name of ['Marcus', 'Priya', 'Helen']) if (enText.includes(name)) expect(svText).toContain(name);
      if (enText.includes('Need help now?')) expect(svText).toContain('Behöver du hjälp nu?');
    });
  });

  it('the shape check can fail: it names a changed id, a missing item, an untranslated line and a changed pause', () => {
    const en = { id: 'a', title: 'Hello', script: [{ text: 'Breathe.', pauseAfterSeconds: 5 }], minutes: 2 };
    const sv = { id: 'a', title: 'Hej', script: [{ text: 'Andas.', pauseAfterSeconds: 5 }], minutes: 3 };
    expect(shapeProblems(en, sv, 'x')).toEqual([]);
    expect(shapeProblems(en, { ...sv, id: 'b' }, 'x')).toEqual(['x.id: "b" must stay "a"']);
    expect(shapeProblems(en, { ...sv, script: [] }, 'x')).toEqual(['x.script: 0 items, English has 1']);
    expect(shapeProblems(en, { ...sv, title: 'Hello' }, 'x')).toEqual(['x.title: still in English: "Hello"']);
    expect(shapeProblems(en, { ...sv, script: [{ text: 'Andas.', pauseAfterSeconds: 3 }] }, 'x')).toEqual([
      'x.script.0.pauseAfterSeconds: 3, English has 5',
    ]);
    expect(shapeProblems(en, { ...sv, extra: 'x' }, 'x')).toEqual([
      'x: keys extra,id,minutes,script,title, English has id,minutes,script,title',
    ]);
    expect(shapeProblems({ name: 'Marcus' }, { name: 'Marcus' }, 'x')).toEqual([]);
  });

  it('counts Swedish words and LIX as expected', () => {
    expect(swedishWords('Är du trött på måndagar? Jag sms:ar.')).toEqual([
      'Är',
      'du',
      'trött',
      'på',
      'måndagar',
      'Jag',
      'sms:ar',
    ]);
    // 8 words, 2 sentences, 2 long words (måndagar, kvällarna): 8/2 + 100·2/8
    expect(lix(['Jag vilar på måndagar. Hon sover på kvällarna.'])).toBeCloseTo(29, 5);
  });
});
