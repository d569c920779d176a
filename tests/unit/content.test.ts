// The course content: every JSON file is valid, and the course-wide rules from issue 3 hold.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import {
  BACK_TO_WORK,
  groundingById,
  LIBRARY,
  libraryItemById,
  loadModule,
  MODULE_OUTLINES,
  moduleById,
  practiceOf,
} from '../../functions/domain/programme/content/index.js';
import { MONDAY_MESSAGES, mondayMessageForWeek } from '../../functions/domain/programme/content/monday-messages.js';
import { outlineOf } from '../../functions/domain/programme/content/outline.js';
import {
  BackToWork,
  bannedWordsIn,
  ExerciseSection,
  exerciseAnswersSchema,
  Grounding,
  Library,
  LibraryItem,
  Module,
  MondayMessage,
  MondayMessages,
  Paragraph,
  parseContent,
  parseParagraph,
  plainText,
  sentences,
  words,
} from '../../functions/domain/programme/content/schema.js';
import { library as servedLibrary } from '../../functions/domain/programme/course.js';
import { outlineJson } from '../../scripts/content-outline.js';
import { visibleFields } from '../../web/src/features/programme/fieldVisibility.js';
import { captionMs, scriptSeconds } from '../../web/src/features/programme/listenTiming.js';
import {
  computedMinutes,
  exerciseFloorMinutes,
  fleschReadingEase,
  offBy,
  readingWords,
  sectionText,
  syllables,
} from '../support/content-estimates.js';

const modulesDir = fileURLToPath(new URL('../../functions/domain/programme/content/modules/', import.meta.url));

/** Every piece of prose in a module that a person reads or hears. */
function moduleText(m: Module): string[] {
  const out = [m.summary, ...m.goals];
  for (const s of m.sections) out.push(...sectionText(s));
  return out;
}
const PEOPLE = ['Marcus', 'Priya', 'Helen'];

/** What keeps a module from the standard: depth, short sections, two kinds of exercise, the three people, a try-this-week and a closing reflection. */
function moduleStandardProblems(m: Module): string[] {
  const problems: string[] = [];
  const reading = readingWords(m.sections);
  if (reading < 1500 || reading > 2500) problems.push(`${reading} words of reading (wants 1,500–2,500)`);
  for (const s of m.sections)
    if (s.kind === 'reading' && computedMinutes(s) > 3) problems.push(`${s.id} is longer than 3 minutes of reading`);
  const exercises = m.sections.filter((s) => s.kind === 'exercise');
  const kinds = new Set(exercises.map((s) => s.activity).filter((a) => a !== 'practice-plan' && a !== 'reflection'));
  if (kinds.size < 2) problems.push('fewer than two kinds of exercise');
  const readingText = m.sections.flatMap((s) => (s.kind === 'reading' ? s.paragraphs : [])).join(' ');
  for (const name of PEOPLE) if (!readingText.includes(name)) problems.push(`no worked example with ${name}`);
  if (!exercises.some((s) => s.id === 'try-this-week' && s.activity === 'practice-plan'))
    problems.push('no try-this-week practice plan');
  const last = m.sections[m.sections.length - 1]!;
  if (
    !(
      last.id === 'what-ill-take' &&
      last.kind === 'exercise' &&
      last.activity === 'reflection' &&
      last.fields.some((f) => f.id === 'take-away')
    )
  )
    problems.push('does not end with the what-ill-take reflection');
  if (!m.sections.some((s) => s.kind === 'listen' && s.script.some((l) => (l.pauseAfterSeconds ?? 0) > 0)))
    problems.push('no listening practice with timed pauses');
  if (!moduleText(m).join(' ').includes('Need help now?')) problems.push('does not point to Need help now?');
  return problems;
}

const CLINICAL_CLAIM = /\b(cur(e|es|ed|ing)|treat(s|ed|ing|ment|ments)?|heal(s|ed|ing)?|diagnos\w*)\b/i;
function averageSentenceLength(texts: string[]): number {
  const all = texts.flatMap((t) => sentences(t));
  return all.reduce((sum, s) => sum + words(s).length, 0) / all.length;
}

describe('modules', () => {
  it('has 7 core modules then 3 optional ones, numbered 1–10', () => {
    expect(MODULES.map((m) => m.kind)).toEqual([...Array(7).fill('core'), ...Array(3).fill('optional')]);
    expect(MODULES.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('every content file is valid and already in its parsed form, so the app can use it as it is', () => {
    const contentDir = fileURLToPath(new URL('../../functions/domain/programme/content/', import.meta.url));
    const read = (path: string): unknown => JSON.parse(readFileSync(contentDir + path, 'utf8'));
    const files: [string, Parameters<typeof parseContent>[1]][] = [
      ...readdirSync(modulesDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [`modules/${f}`, Module] as [string, typeof Module]),
      ['library.json', Library],
      ['monday-messages.json', MondayMessages],
      ['back-to-work.json', BackToWork],
    ];
    for (const [path, schema] of files) {
      const raw = read(path);
      // parseContent throws naming the file and the field; equal output means no trimming or defaults were needed
      expect(parseContent(path, schema, raw), path).toEqual(raw);
    }
    expect(MODULES).toEqual(files.filter(([p]) => p.startsWith('modules/')).map(([p]) => read(p)));
    expect(LIBRARY).toEqual(read('library.json'));
    expect(MONDAY_MESSAGES).toEqual(read('monday-messages.json'));
    expect(BACK_TO_WORK).toEqual(read('back-to-work.json'));
  });

  it('names the file and the field when content is invalid', () => {
    const raw = JSON.parse(readFileSync(`${modulesDir}01-understanding-stress.json`, 'utf8'));
    expect(() => parseContent('modules/01-understanding-stress.json', Module, { ...raw, minutes: 60 })).toThrow(
      /modules\/01-understanding-stress\.json:\n {2}minutes: /,
    );
    expect(() => parseContent('library.json', Library, [{ id: 'Not A Slug' }])).toThrow(
      /library\.json:[\s\S]*0\.id: must be a lower-case slug/,
    );
  });

  it('loads every JSON file in modules/ (none forgotten in index.ts)', () => {
    const files = readdirSync(modulesDir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(MODULES.length);
    for (const m of MODULES) {
      expect(files).toContain(`${String(m.number).padStart(2, '0')}-${m.id}.json`);
    }
  });

  it('has unique module ids and section ids unique within each module', () => {
    expect(new Set(MODULES.map((m) => m.id)).size).toBe(MODULES.length);
    for (const m of MODULES) expect(new Set(m.sections.map((s) => s.id)).size).toBe(m.sections.length);
  });

  it.each(MODULES.map((m) => [m.id, m] as const))(
    '%s: honest estimates: sections and module within a fifth of what their words, pauses and exercises take',
    (_id, m) => {
      const computed = m.sections.map(computedMinutes);
      m.sections.forEach((s, i) => {
        if (s.kind === 'exercise')
          expect(s.minutes, `${s.id}: less than its words and fields take`).toBeGreaterThanOrEqual(
            Math.round(exerciseFloorMinutes(s)),
          );
        // a page never says less than 'about 1 minute'
        else
          expect(
            offBy(s.minutes, Math.max(1, computed[i]!)),
            `${s.id}: states ${s.minutes} min, words say ${computed[i]!.toFixed(1)}`,
          ).toBe(false);
      });
      const total = computed.reduce((a, b) => a + b, 0);
      expect(offBy(m.minutes, total, 0), `module states ${m.minutes} min, sections say ${total.toFixed(1)}`).toBe(
        false,
      );
    },
  );

  it.each(MODULES.flatMap((m) => m.sections.map((s) => [`${m.id}/${s.id}`, s] as const)))(
    '%s: Flesch reading ease ≥ 60',
    (_id, s) => {
      expect(fleschReadingEase(sectionText(s))).toBeGreaterThanOrEqual(60);
    },
  );

  it.each(MODULES.map((m) => [m.id, m] as const))(
    '%s: 3–14 sections with reading, an exercise and a listen section',
    (_id, m) => {
      expect(m.sections.length).toBeGreaterThanOrEqual(3);
      expect(m.sections.length).toBeLessThanOrEqual(14);
      const kinds = new Set(m.sections.map((s) => s.kind));
      expect(kinds).toEqual(new Set(['reading', 'exercise', 'listen']));
    },
  );

  it.each(MODULES.map((m) => [m.id, m] as const))('%s: meets the module standard (issue 19)', (_id, m) => {
    expect(moduleStandardProblems(m)).toEqual([]);
  });

  it('the module standard names what a short first version lacks', () => {
    const m = MODULES[0]!;
    const short: Module = {
      ...m,
      sections: m.sections.filter((s) => s.kind !== 'reading' || s.id === m.sections[0]!.id).slice(0, 4),
    };
    const problems = moduleStandardProblems(short);
    expect(problems.some((p) => /words of reading \(wants 1,500–2,500\)/.test(p))).toBe(true);
    expect(problems).toContain('no try-this-week practice plan');
    expect(problems).toContain('does not end with the what-ill-take reflection');
    expect(problems).toContain('no worked example with Helen');
  });

  it('has at least one reflective exercise in every module, so the back-to-work step is offered', () => {
    for (const m of MODULES) {
      expect(
        m.sections.some((s) => s.kind === 'exercise' && s.reflective),
        m.id,
      ).toBe(true);
    }
  });

  it.each(MODULES.map((m) => [m.id, m] as const))(
    '%s: plain language (average sentence ≤ 16 words, none over 30)',
    (_id, m) => {
      const texts = moduleText(m);
      expect(averageSentenceLength(texts)).toBeLessThanOrEqual(16);
      for (const s of texts.flatMap((t) => sentences(t))) expect(words(s).length, s).toBeLessThanOrEqual(30);
    },
  );

  it('never makes a clinical claim anywhere in the content (no cure, treat, heal or diagnosis)', () => {
    const all = [
      ...MODULES.flatMap(moduleText),
      ...LIBRARY.flatMap((i) => [i.title, i.summary, ...i.body]),
      ...MONDAY_MESSAGES.flatMap((m) => [m.subject, m.preview, m.note, m.tip.title, m.tip.text]),
      JSON.stringify(BACK_TO_WORK),
    ];
    for (const text of all) expect(text, text).not.toMatch(CLINICAL_CLAIM);
    expect('This will cure your stress.').toMatch(CLINICAL_CLAIM);
    expect('It treats low mood.').toMatch(CLINICAL_CLAIM);
  });

  it('points to the GP and the Need help now? link (on every page) somewhere in the course', () => {
    const all = MODULES.flatMap(moduleText).join('\n').toLowerCase();
    expect(all).toContain('gp');
    expect(all).toContain('need help now?');
  });

  it.each(MODULES.map((m) => [m.id, m] as const))(
    '%s: shows a field only after an earlier choice it depends on',
    (_id, m) => {
      for (const s of m.sections) {
        if (s.kind !== 'exercise') continue;
        for (const f of s.fields) {
          if (!f.showIf) continue;
          const target = s.fields.find((g) => g.id === f.showIf!.field)!;
          expect(visibleFields(s.fields, {}).map((v) => v.id)).not.toContain(f.id);
          expect(visibleFields(s.fields, { [target.id]: f.showIf.anyOf[0] }).map((v) => v.id)).toContain(f.id);
        }
      }
    },
  );

  it('uses UK spelling', () => {
    const all = [...MODULES.flatMap(moduleText), ...LIBRARY.flatMap((i) => [i.title, i.summary, ...i.body])].join('\n');
    expect(all).not.toMatch(
      /\b(color|behavior|organiz\w*|realiz\w*|prioritiz\w*|center|favorite|apologiz\w*|recogniz\w*)\b/i,
    );
  });

  it('finds modules by id', () => {
    expect(moduleById('understanding-stress')?.number).toBe(1);
    expect(moduleById('no-such-module')).toBeUndefined();
  });

  it('gives every exercise an answers schema that accepts partial answers and refuses unknown fields', () => {
    for (const m of MODULES) {
      for (const s of m.sections) {
        if (s.kind !== 'exercise') continue;
        const answers = exerciseAnswersSchema(s);
        expect(answers.safeParse({}).success).toBe(true);
        expect(answers.safeParse({ 'not-a-field': 'x' }).success).toBe(false);
      }
    }
  });
});

describe('loading per module', () => {
  it('outline.json is the outline of the module files as they are (regenerate: tsx scripts/content-outline.ts)', () => {
    const contentDir = fileURLToPath(new URL('../../functions/domain/programme/content/', import.meta.url));
    expect(
      readFileSync(`${contentDir}outline.json`, 'utf8'),
      'outline.json is stale: run node_modules/.bin/tsx scripts/content-outline.ts',
    ).toBe(outlineJson());
    expect(MODULE_OUTLINES).toEqual(MODULES.map(outlineOf));
  });

  it('keeps the words out of the outline: no paragraphs, scripts, intros, goals or field help', () => {
    const text = JSON.stringify(MODULE_OUTLINES);
    for (const key of ['paragraphs', 'script', 'intro', 'goals', 'help']) expect(text).not.toContain(`"${key}":`);
    expect(text.length).toBeLessThan(JSON.stringify(MODULES).length / 3);
  });

  it('reads a module once and keeps it, and knows no unknown module', () => {
    const m = loadModule('thoughts-and-feelings')!;
    expect(m.number).toBe(2);
    expect(loadModule('thoughts-and-feelings')).toBe(m);
    expect(loadModule('no-such-module')).toBeUndefined();
  });
});

/** The guided practices issue 19 names: where each lives in the course, and the library item that plays it too. */
const PRACTICES = [
  {
    name: 'breathing space',
    moduleId: 'understanding-stress',
    sectionId: 'breathing-space',
    libraryId: 'three-minute-breathing-space',
  },
  { name: 'grounding', moduleId: 'understanding-stress', sectionId: 'grounding', libraryId: 'five-senses' },
  { name: 'body scan', moduleId: 'mindfulness-and-attention', sectionId: 'body-scan', libraryId: 'body-scan' },
  {
    name: 'worry time',
    moduleId: 'worry-and-rumination',
    sectionId: 'guided-worry-time',
    libraryId: 'setting-a-worry-time',
  },
  {
    name: 'sleep wind-down',
    moduleId: 'sleep-and-recovery',
    sectionId: 'sleep-wind-down',
    libraryId: 'a-calmer-bedtime',
  },
] as const;

describe('guided practices to listen to', () => {
  it.each(PRACTICES)(
    '$name: a listening script in its module with timed pauses, an honest estimate and a captions fallback',
    (p) => {
      const section = loadModule(p.moduleId)?.sections.find((s) => s.id === p.sectionId);
      expect(section?.kind, `${p.moduleId}/${p.sectionId}`).toBe('listen');
      if (section?.kind !== 'listen') return;
      // timed pauses: quiet time after at least half the lines, adding up to at least a minute
      const paused = section.script.filter((l) => (l.pauseAfterSeconds ?? 0) > 0);
      expect(paused.length).toBeGreaterThanOrEqual(section.script.length / 2);
      expect(paused.reduce((sum, l) => sum + l.pauseAfterSeconds!, 0)).toBeGreaterThanOrEqual(60);
      // honest: the stated minutes match the 150-words-a-minute rule and what the player really takes without sound
      expect(offBy(section.minutes, computedMinutes(section))).toBe(false);
      expect(
        offBy(section.minutes, scriptSeconds(section.script) / 60 + computedMinutes({ ...section, script: [] })),
      ).toBe(false);
      // the intro tells people they can read the captions instead
      expect(section.intro).toMatch(/captions/i);
    },
  );

  it.each(PRACTICES)('$name: the library item plays the same script and is tagged as audio', (p) => {
    const item = libraryItemById(p.libraryId)!;
    expect(item.practice).toEqual({ moduleId: p.moduleId, sectionId: p.sectionId });
    expect(item.tags.usesAudio).toBe(true);
    const section = practiceOf(item)!;
    expect(section).toBe(loadModule(p.moduleId)!.sections.find((s) => s.id === p.sectionId));
    expect(item.minutes).toBeGreaterThanOrEqual(section.minutes);
    expect(servedLibrary().items.find((i) => i.id === p.libraryId)).toMatchObject({
      listen: { id: p.sectionId, script: section.script },
    });
  });

  it('serves library items without a practice as they are', () => {
    const plain = LIBRARY.find((i) => !i.practice)!;
    expect(servedLibrary().items.find((i) => i.id === plain.id)).toBe(plain);
  });

  it('paces captions-only mode like speech, so a caption is up as long as it takes to say', () => {
    expect(captionMs('one two three')).toBe(3000);
    expect(captionMs(Array(25).fill('word').join(' '))).toBe(10_000);
    expect(scriptSeconds([{ text: Array(25).fill('word').join(' '), pauseAfterSeconds: 5 }, { text: 'Done.' }])).toBe(
      18,
    );
  });
});

describe('library', () => {
  it('has at least 40 items with unique ids, several for people away from a desk', () => {
    expect(LIBRARY.length).toBeGreaterThanOrEqual(40);
    expect(LIBRARY.filter((i) => !i.tags.atDesk).length).toBeGreaterThanOrEqual(10);
    expect(new Set(LIBRARY.map((i) => i.id)).size).toBe(LIBRARY.length);
  });

  it('has at least 6 things to do at your desk in 5 minutes or less without needing privacy', () => {
    const quick = LIBRARY.filter((i) => i.minutes <= 5 && i.tags.atDesk && !i.tags.needsPrivacy);
    expect(quick.length).toBeGreaterThanOrEqual(6);
  });

  it('never tags bed or night-time content as something to do at a desk', () => {
    for (const i of LIBRARY) {
      const text = [i.title, i.summary, ...i.body].join(' ');
      if (/\b(bed|bedtime|lying awake|in the night|asleep)\b/i.test(text)) expect(i.tags.atDesk, i.id).toBe(false);
    }
    expect(libraryItemById('when-you-cant-sleep')?.tags.atDesk).toBe(false);
  });

  it('uses every tag both ways, so each filter means something', () => {
    for (const tag of ['needsPrivacy', 'usesAudio', 'involvesWriting', 'atDesk'] as const) {
      expect(
        LIBRARY.some((i) => i.tags[tag]),
        tag,
      ).toBe(true);
      expect(
        LIBRARY.some((i) => !i.tags[tag]),
        tag,
      ).toBe(true);
    }
  });

  it('links only to modules that exist, and finds items by id', () => {
    for (const i of LIBRARY) if (i.relatedModuleId) expect(moduleById(i.relatedModuleId), i.id).toBeDefined();
    expect(libraryItemById(LIBRARY[0]!.id)).toBe(LIBRARY[0]);
    expect(libraryItemById('nope')).toBeUndefined();
  });

  it('is written in plain language (average sentence ≤ 16 words)', () => {
    expect(averageSentenceLength(LIBRARY.flatMap((i) => [i.summary, ...i.body]))).toBeLessThanOrEqual(16);
  });
});

describe('Monday messages', () => {
  it('has at least 26 weeks (half a year without a repeat), numbered in order', () => {
    expect(MONDAY_MESSAGES.length).toBeGreaterThanOrEqual(26);
    expect(MONDAY_MESSAGES.map((m) => m.week)).toEqual(MONDAY_MESSAGES.map((_, i) => i + 1));
  });

  it('keeps every subject and preview free of banned words', () => {
    for (const m of MONDAY_MESSAGES) {
      expect(bannedWordsIn(m.subject), m.subject).toEqual([]);
      expect(bannedWordsIn(m.preview), m.preview).toEqual([]);
    }
  });

  it('has 2–4 sentences in each note and 1–3 in each tip', () => {
    for (const m of MONDAY_MESSAGES) {
      expect(sentences(m.note).length).toBeGreaterThanOrEqual(2);
      expect(sentences(m.note).length).toBeLessThanOrEqual(4);
      expect(sentences(m.tip.text).length).toBeGreaterThanOrEqual(1);
      expect(sentences(m.tip.text).length).toBeLessThanOrEqual(3);
    }
  });

  it('does not repeat a subject or a tip', () => {
    expect(new Set(MONDAY_MESSAGES.map((m) => m.subject)).size).toBe(MONDAY_MESSAGES.length);
    expect(new Set(MONDAY_MESSAGES.map((m) => m.tip.title)).size).toBe(MONDAY_MESSAGES.length);
  });

  it('rotates when the weeks run out', () => {
    const n = MONDAY_MESSAGES.length;
    expect(mondayMessageForWeek(1)).toBe(MONDAY_MESSAGES[0]);
    expect(mondayMessageForWeek(n)).toBe(MONDAY_MESSAGES[n - 1]);
    expect(mondayMessageForWeek(n + 1)).toBe(MONDAY_MESSAGES[0]);
    expect(mondayMessageForWeek(2 * n + 3)).toBe(MONDAY_MESSAGES[2]);
  });
});

describe('back-to-work step', () => {
  it('has groundings of 60–120 seconds whose timed steps add up to the stated seconds', () => {
    expect(BACK_TO_WORK.groundings.length).toBeGreaterThanOrEqual(3);
    for (const g of BACK_TO_WORK.groundings) {
      expect(g.seconds).toBeGreaterThanOrEqual(60);
      expect(g.seconds).toBeLessThanOrEqual(120);
      expect(g.steps.reduce((sum, s) => sum + s.seconds, 0)).toBe(g.seconds);
    }
    expect(BACK_TO_WORK.groundings.some((g) => g.atDesk)).toBe(true);
  });

  it('has a park-a-thought prompt and several hand-back lines, and finds groundings by id', () => {
    expect(BACK_TO_WORK.parkThought.prompt.length).toBeGreaterThan(0);
    expect(BACK_TO_WORK.handBack.length).toBeGreaterThanOrEqual(3);
    expect(groundingById('five-things')?.seconds).toBe(90);
    expect(groundingById('nope')).toBeUndefined();
  });
});

describe('the schemas refuse bad content', () => {
  const goodModule = MODULES[0]!;

  it('refuses a module outside 5–45 minutes, naming the field', () => {
    const result = Module.safeParse({ ...goodModule, minutes: 60 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['minutes']);
  });

  it('refuses a module with too few sections, a duplicate section id, or an unknown field', () => {
    expect(Module.safeParse({ ...goodModule, sections: goodModule.sections.slice(0, 2) }).success).toBe(false);
    const dup = {
      ...goodModule,
      sections: [goodModule.sections[0], goodModule.sections[0], ...goodModule.sections.slice(2)],
    };
    const dupResult = Module.safeParse(dup);
    expect(dupResult.success).toBe(false);
    expect(dupResult.error!.issues[0]!.message).toContain('duplicate id');
    expect(Module.safeParse({ ...goodModule, author: 'x' }).success).toBe(false);
  });

  it('refuses a bad slug, a scale without labels, and a choice with one option', () => {
    expect(Module.safeParse({ ...goodModule, id: 'Understanding Stress' }).success).toBe(false);
    const exercise = {
      id: 'e',
      title: 'E',
      kind: 'exercise',
      minutes: 3,
      reflective: true,
      intro: ['Hello.'],
      fields: [{ id: 'f', type: 'scale', label: 'How much?' }],
    };
    expect(ExerciseSection.safeParse(exercise).success).toBe(false);
    const oneOption = {
      ...exercise,
      fields: [{ id: 'f', type: 'choice', label: 'Pick', multiple: false, options: [{ id: 'a', label: 'A' }] }],
    };
    expect(ExerciseSection.safeParse(oneOption).success).toBe(false);
  });

  it('refuses a showIf that names no earlier choice field or an unknown option, and the form hides the field until then', () => {
    const choice = {
      id: 'can-act',
      type: 'choice',
      label: 'Can I do something?',
      multiple: false,
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    };
    const plan = { id: 'plan', type: 'text', label: 'What, and when?', showIf: { field: 'can-act', anyOf: ['yes'] } };
    const base = {
      id: 'e',
      title: 'E',
      kind: 'exercise',
      activity: 'worry-tree',
      minutes: 3,
      reflective: false,
      intro: ['Hello.'],
    };
    expect(ExerciseSection.safeParse({ ...base, fields: [choice, plan] }).success).toBe(true);
    const later = ExerciseSection.safeParse({ ...base, fields: [plan, choice] });
    expect(later.success).toBe(false);
    expect(later.error!.issues[0]!.path).toEqual(['fields', 0, 'showIf', 'field']);
    const unknown = ExerciseSection.safeParse({
      ...base,
      fields: [choice, { ...plan, showIf: { field: 'can-act', anyOf: ['maybe'] } }],
    });
    expect(unknown.error!.issues[0]!.message).toContain('"maybe" is not an option');
    expect(visibleFields([choice, plan], {}).map((f) => f.id)).toEqual(['can-act']);
    expect(visibleFields([choice, plan], { 'can-act': 'no' }).map((f) => f.id)).toEqual(['can-act']);
    expect(visibleFields([choice, plan], { 'can-act': 'yes' }).map((f) => f.id)).toEqual(['can-act', 'plan']);
    expect(
      visibleFields([choice, { ...plan, showIf: { field: 'can-act', anyOf: ['no'] } }], {
        'can-act': ['yes', 'no'],
      }).map((f) => f.id),
    ).toEqual(['can-act', 'plan']);
  });

  it('refuses markup other than **bold** and "- " bullets', () => {
    expect(Paragraph.safeParse('Plain **bold** text.').success).toBe(true);
    expect(Paragraph.safeParse('- one\n- two').success).toBe(true);
    expect(Paragraph.safeParse('<b>html</b>').success).toBe(false);
    expect(Paragraph.safeParse('# Heading').success).toBe(false);
    expect(Paragraph.safeParse('A [link](https://example.com)').success).toBe(false);
    expect(Paragraph.safeParse('Half **bold').success).toBe(false);
    expect(Paragraph.safeParse('Text\n- then a bullet').success).toBe(false);
  });

  it('refuses a library item over 15 minutes or with a missing tag', () => {
    const item = LIBRARY[0]!;
    expect(LibraryItem.safeParse({ ...item, minutes: 16 }).success).toBe(false);
    expect(
      LibraryItem.safeParse({ ...item, tags: { needsPrivacy: false, usesAudio: false, involvesWriting: false } })
        .success,
    ).toBe(false);
  });

  it('refuses a Monday subject that names mental health, naming the words', () => {
    const good = MONDAY_MESSAGES[0]!;
    const result = MondayMessage.safeParse({ ...good, subject: 'Feeling stressed? Mental health tips' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['subject']);
    expect(result.error!.issues[0]!.message).toContain('stress');
    expect(MondayMessage.safeParse({ ...good, preview: 'Beat anxiety this week' }).success).toBe(false);
    expect(MondayMessage.safeParse({ ...good, note: 'Too short.' }).success).toBe(false);
  });

  it('finds banned words in any form, and nothing in neutral text', () => {
    expect(bannedWordsIn('Stressful week? Worried? Feeling low?').sort()).toEqual(['feeling', 'stress', 'worr']);
    expect(bannedWordsIn('SELF-HARM')).toEqual(['self-harm']);
    expect(bannedWordsIn('Your Monday note')).toEqual([]);
  });

  it('refuses a grounding whose steps do not add up, or that is too short', () => {
    const g = BACK_TO_WORK.groundings[0]!;
    const result = Grounding.safeParse({ ...g, seconds: g.seconds + 5 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain('add up');
    expect(
      Grounding.safeParse({
        ...g,
        seconds: 30,
        steps: [
          { text: 'a', seconds: 15 },
          { text: 'b', seconds: 15 },
        ],
      }).success,
    ).toBe(false);
    expect(BackToWork.safeParse({ ...BACK_TO_WORK, handBack: [] }).success).toBe(false);
  });
});

describe('text helpers', () => {
  it('parses bold runs and bullet lists', () => {
    expect(parseParagraph('A **big** day')).toEqual({
      type: 'text',
      runs: [
        { text: 'A ', bold: false },
        { text: 'big', bold: true },
        { text: ' day', bold: false },
      ],
    });
    expect(parseParagraph('- **One:** first\n- two')).toEqual({
      type: 'bullets',
      items: [
        [
          { text: 'One:', bold: true },
          { text: ' first', bold: false },
        ],
        [{ text: 'two', bold: false }],
      ],
    });
    expect(plainText('- **One:** first\n- two')).toBe('One: first\ntwo');
  });

  it('the readability check flags long-winded text', () => {
    const plain = ['Stress is normal. It can help for a short time. Rest helps you recover.'];
    const wordy = [
      'It is frequently the case that individuals who experience sustained occupational pressure over extended periods find that their capacity for concentration diminishes considerably.',
    ];
    expect(averageSentenceLength(plain)).toBeLessThanOrEqual(16);
    expect(averageSentenceLength(wordy)).toBeGreaterThan(16);
  });

  it('counts syllables and scores reading ease (plain text high, wordy text low)', () => {
    expect(['cat', 'table', 'water', 'breathing', 'beautiful', 'organisation'].map(syllables)).toEqual([
      1, 2, 2, 2, 3, 5,
    ]);
    expect(
      fleschReadingEase(['Stress is normal. It can help for a short time. Rest helps you recover.']),
    ).toBeGreaterThan(70);
    expect(
      fleschReadingEase(['Sustained occupational pressure considerably diminishes individual concentration capacity.']),
    ).toBeLessThan(30);
  });

  it('flags an estimate more than 20 % off, allowing half a minute for whole-minute rounding', () => {
    expect(offBy(10, 10)).toBe(false);
    expect(offBy(12, 10)).toBe(false);
    expect(offBy(13, 10)).toBe(true);
    expect(offBy(1, 0.6)).toBe(false);
    expect(offBy(4, 1)).toBe(true);
    const reading = {
      id: 'r',
      title: 'R',
      kind: 'reading' as const,
      minutes: 1,
      paragraphs: [`${Array(400).fill('word').join(' ')}.`],
    };
    expect(computedMinutes(reading)).toBe(2);
  });

  it('counts sentences and words', () => {
    expect(sentences('One here. Two! Three? And four')).toEqual(['One here.', 'Two!', 'Three?', 'And four']);
    // a closing curly (or straight) quote or a bracket after the stop still ends the sentence
    expect(sentences('She said ‘I’m done.’ Then she went home. He asked “Why?” She smiled.')).toEqual([
      'She said ‘I’m done.’',
      'Then she went home.',
      'He asked “Why?”',
      'She smiled.',
    ]);
    expect(sentences("It stops here.' Next one (in brackets.) Last")).toEqual([
      "It stops here.'",
      'Next one (in brackets.)',
      'Last',
    ]);
    // quotes inside a sentence do not end it
    expect(sentences('The ‘danger’ is a full inbox. It’s fine.')).toEqual([
      'The ‘danger’ is a full inbox.',
      'It’s fine.',
    ]);
    expect(words("It's a well-known idea.")).toEqual(["It's", 'a', 'well-known', 'idea']);
  });

  it('validates exercise answers against the fields', () => {
    const section = ExerciseSection.parse({
      id: 'e',
      title: 'E',
      kind: 'exercise',
      activity: 'check-in',
      minutes: 3,
      reflective: false,
      intro: ['Hello.'],
      fields: [
        { id: 'mood', type: 'scale', label: 'How much?', minLabel: 'None', maxLabel: 'Lots' },
        {
          id: 'pick',
          type: 'choice',
          label: 'Pick',
          multiple: true,
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
        },
        { id: 'items', type: 'list', label: 'List', count: 2 },
        { id: 'note', type: 'text', label: 'Note' },
      ],
    });
    const answers = exerciseAnswersSchema(section);
    expect(answers.safeParse({ mood: 7, pick: ['a', 'b'], items: ['x'], note: 'hi' }).success).toBe(true);
    const bad = answers.safeParse({ mood: 11, pick: ['c'], items: ['x', 'y', 'z'], note: 'x'.repeat(301) });
    expect(bad.success).toBe(false);
    expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['mood', 'pick', 'items', 'note']));
    expect(answers.safeParse({ pick: ['a', 'a'] }).success).toBe(false);
  });
});
