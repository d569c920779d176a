// The Swedish library, Monday messages and back-to-work step (issue 20): each mirrors its English file exactly
// (same schema, ids, keys, numbers, tags, timings and array lengths), every human-readable string is written in
// Swedish (non-empty, not left in English), the text stays plain (LIX) and the email subject lines stay discreet
// in Swedish too. The modules have their own test (content-sv.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BackToWork,
  Library,
  type LibraryItem,
  type MondayMessage,
  MondayMessages,
} from '../../functions/domain/programme/content/schema.js';
import { lix, swedishWords } from '../support/swedish-text.js';

const contentDir = new URL('../../functions/domain/programme/content/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, contentDir), 'utf8'));

/** Keys whose string values a person reads or hears; everything else (ids, numbers, flags, links) must not change. */
const HUMAN_KEYS = new Set([
  'title',
  'summary',
  'body',
  'subject',
  'preview',
  'note',
  'text',
  'intro',
  'prompt',
  'placeholder',
  'parked',
  'handBack',
]);

/**
 * Where two content trees differ in shape: other keys, other array lengths, a changed id/number/flag, an empty or
 * untranslated string, or a paragraph whose bullet lines no longer match the English one.
 */
function parityProblems(en: unknown, sv: unknown, path = '', human = false): string[] {
  if (Array.isArray(en)) {
    if (!Array.isArray(sv) || sv.length !== en.length)
      return [`${path}: ${en.length} items in English, ${Array.isArray(sv) ? sv.length : 'none'} in Swedish`];
    return en.flatMap((item, i) => parityProblems(item, sv[i], `${path}[${i}]`, human));
  }
  if (en !== null && typeof en === 'object') {
    if (sv === null || typeof sv !== 'object' || Array.isArray(sv)) return [`${path}: not an object in Swedish`];
    const enKeys = Object.keys(en).join(',');
    const svKeys = Object.keys(sv).join(',');
    if (enKeys !== svKeys) return [`${path}: keys ${svKeys} instead of ${enKeys}`];
    return Object.entries(en).flatMap(([k, v]) =>
      parityProblems(v, (sv as Record<string, unknown>)[k], `${path}.${k}`, HUMAN_KEYS.has(k)),
    );
  }
  if (typeof en === 'string' && human) {
    if (typeof sv !== 'string' || sv.trim() === '') return [`${path}: empty`];
    if (sv === en) return [`${path}: still in English ("${en}")`];
    const bullets = (t: string) => t.split('\n').map((l) => l.startsWith('- '));
    if (bullets(sv).join() !== bullets(en).join()) return [`${path}: bullet lines differ from the English`];
    return [];
  }
  return Object.is(en, sv) ? [] : [`${path}: ${JSON.stringify(sv)} instead of ${JSON.stringify(en)}`];
}

/**
 * Swedish words an inbox glance must not show (the Swedish side of BANNED_SUBJECT_STEMS in schema.ts): a word is
 * banned if it starts with one of the stems, or is one of the whole words (short ones, so "må" never catches "måndag").
 */
const SV_BANNED_STEMS = [
  'stress',
  'oro',
  'ångest',
  'depress',
  'nedstämd',
  'psyk',
  'mående',
  'välmående',
  'välbefinn',
  'hälsa',
  'hälso',
  'terapi',
  'kbt',
  'kris',
  'sjuk',
  'utbränd',
  'utmatt',
  'självmord',
  'självskad',
  'sorg',
  'ensam',
  'panik',
  'känsl',
  'diagnos',
  'symtom',
  'trauma',
  'behandl',
  'mindful',
  'respite',
];
const SV_BANNED_WORDS = ['må', 'mår', 'mådde'];

function svBannedWordsIn(text: string): string[] {
  const found = new Set<string>();
  for (const word of swedishWords(text.toLowerCase())) {
    if (SV_BANNED_WORDS.includes(word)) found.add(word);
    for (const stem of SV_BANNED_STEMS) if (word.startsWith(stem)) found.add(stem);
  }
  return [...found];
}

const files = [
  { file: 'library.json', schema: Library },
  { file: 'monday-messages.json', schema: MondayMessages },
  { file: 'back-to-work.json', schema: BackToWork },
] as const;

describe.each(files)('Swedish $file', ({ file, schema }) => {
  const en = read(file);
  const sv = read(`sv/${file}`);

  it('is valid content by the same schema as the English', () => {
    const result = schema.safeParse(sv);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  // Library tags are compared like ids: the Swedish text says the same things, so no tag has become untrue.
  it('mirrors the English exactly: ids, keys, numbers, tags and lengths, with every string written in Swedish', () => {
    expect(parityProblems(en, sv)).toEqual([]);
  });
});

describe('Swedish library', () => {
  const library = read('sv/library.json') as LibraryItem[];

  it.each(library.map((item) => [item.id, item] as const))('%s: plain Swedish (LIX ≤ 40)', (_id, item) => {
    expect(lix([item.summary, ...item.body])).toBeLessThanOrEqual(40);
  });

  it.each(library.map((item) => [item.id, item] as const))(
    '%s: reads in its stated minutes at 180 words a minute',
    (_id, item) => {
      const words = [item.summary, ...item.body].flatMap(swedishWords).length;
      expect(words / 180).toBeLessThanOrEqual(item.minutes);
    },
  );
});

describe('Swedish Monday messages', () => {
  const messages = read('sv/monday-messages.json') as MondayMessage[];

  it.each(messages.map((m) => [m.week, m] as const))(
    'week %i: subject and preview give nothing away in Swedish',
    (_week, m) => {
      expect(svBannedWordsIn(`${m.subject} ${m.preview}`)).toEqual([]);
    },
  );

  it.each(messages.map((m) => [m.week, m] as const))('week %i: plain Swedish (LIX ≤ 40)', (_week, m) => {
    expect(lix([m.note, m.tip.title, m.tip.text])).toBeLessThanOrEqual(40);
  });
});

describe('Swedish back-to-work step', () => {
  const btw = read('sv/back-to-work.json') as BackToWork;

  it('is plain Swedish (LIX ≤ 40)', () => {
    const texts = [
      btw.intro,
      ...btw.groundings.flatMap((g) => [g.title, ...g.steps.map((s) => s.text)]),
      btw.parkThought.prompt,
      btw.parkThought.parked,
      ...btw.handBack,
    ];
    expect(lix(texts)).toBeLessThanOrEqual(40);
  });
});

// The checks themselves, so a broken checker cannot pass everything.
describe('the Swedish checks', () => {
  it.each([
    ['Hur mår du i dag?', ['mår']],
    ['Din orostid', ['oro']],
    ['Stressad inför veckan?', ['stress']],
    ['Ångest på jobbet', ['ångest']],
    ['Ditt måndagsbrev', []],
    ['En lugn minut för dig', []],
  ])('flags the words in "%s"', (text, expected) => {
    expect(svBannedWordsIn(text)).toEqual(expected);
  });

  it('finds a changed id, a missing item, an empty string, English left in, and broken bullets', () => {
    const en = [{ id: 'a', title: 'Rest', body: ['- one\n- two'], minutes: 2 }];
    expect(parityProblems(en, [{ id: 'a', title: 'Vila', body: ['- ett\n- två'], minutes: 2 }])).toEqual([]);
    expect(parityProblems(en, [{ id: 'b', title: 'Vila', body: ['- ett\n- två'], minutes: 2 }])).toEqual([
      '[0].id: "b" instead of "a"',
    ]);
    expect(parityProblems(en, [])).toEqual([': 1 items in English, 0 in Swedish']);
    expect(parityProblems(en, [{ id: 'a', title: ' ', body: ['- ett\n- två'], minutes: 2 }])).toEqual([
      '[0].title: empty',
    ]);
    expect(parityProblems(en, [{ id: 'a', title: 'Rest', body: ['- ett\n- två'], minutes: 2 }])).toEqual([
      '[0].title: still in English ("Rest")',
    ]);
    expect(parityProblems(en, [{ id: 'a', title: 'Vila', body: ['ett och två'], minutes: 2 }])).toEqual([
      '[0].body[0]: bullet lines differ from the English',
    ]);
    expect(parityProblems(en, [{ id: 'a', title: 'Vila', body: ['- ett\n- två'], minutes: 3 }])).toEqual([
      '[0].minutes: 3 instead of 2',
    ]);
  });

  it('scores easy text low and long-worded text high on LIX', () => {
    expect(lix(['Du är här. Andas lugnt.'])).toBeLessThan(20);
    expect(
      lix(['Arbetsmiljöförhållandena påverkar organisationens medarbetare betydligt mer omfattande än förväntat']),
    ).toBeGreaterThan(60);
  });
});
