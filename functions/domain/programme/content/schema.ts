// Schemas for the course content (modules, library, Monday messages, back-to-work step).
// Content lives as JSON beside this file and is validated with these schemas when content/index.ts loads,
// so a bad edit fails at start-up and in tests, never in front of an employee.
import * as z from '../../../shared/zod.js';
import { Slug } from './slug.js';

export { Slug };

// ---------------------------------------------------------------------------------------------------------------
// Text building blocks
// ---------------------------------------------------------------------------------------------------------------

/** Trimmed text of 1 to max characters. */
const Trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A whole number from min to max. */
const Int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** An array of min to max items. */
const List = <T extends z.core.SomeType>(item: T, min: number, max: number) =>
  z.array(item).check(z.minLength(min), z.maxLength(max));

const Line = Trimmed(200);

/**
 * A paragraph of plain text. The only markup allowed is **bold** and bullet lines that start with "- ".
 * A paragraph is either all text or all bullet lines (see parseParagraph), so the UI never has to guess.
 */
export const Paragraph = Trimmed(1200).check(
  z.superRefine((text, ctx) => {
    const problem = paragraphProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

function paragraphProblem(text: string): string | undefined {
  if (/[<>]/.test(text)) return 'no HTML: use plain text, **bold** and "- " bullets only';
  if (/^#/m.test(text) || /\[[^\]]*\]\(/.test(text))
    return 'no headings or links: use plain text, **bold** and "- " bullets only';
  if ((text.match(/\*\*/g) ?? []).length % 2 !== 0) return 'unbalanced ** (bold markers must come in pairs)';
  const lines = text.split('\n');
  const bullets = lines.filter((l) => l.startsWith('- ')).length;
  if (bullets > 0 && bullets !== lines.length)
    return 'a paragraph is either all "- " bullet lines or plain text, not both';
  return undefined;
}

/** One piece of a line of text: bold or not. */
export interface TextRun {
  text: string;
  bold: boolean;
}
export type ParsedParagraph = { type: 'text'; runs: TextRun[] } | { type: 'bullets'; items: TextRun[][] };

/** Splits "**bold** text" into runs. Shared by the web UI and tests so content renders one way everywhere. */
export function parseInline(text: string): TextRun[] {
  return text
    .split('**')
    .map((part, i) => ({ text: part, bold: i % 2 === 1 }))
    .filter((run) => run.text.length > 0);
}

/** Turns a validated paragraph into text runs or a bullet list. */
export function parseParagraph(paragraph: string): ParsedParagraph {
  const lines = paragraph.split('\n');
  if (lines.every((l) => l.startsWith('- '))) {
    return { type: 'bullets', items: lines.map((l) => parseInline(l.slice(2))) };
  }
  return { type: 'text', runs: parseInline(paragraph) };
}

/** The text with markup removed, e.g. for speech synthesis or reading-age checks. */
export function plainText(paragraph: string): string {
  return paragraph
    .split('\n')
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    .join('\n')
    .replaceAll('**', '');
}

/**
 * Sentences in a piece of plain text: a sentence ends at . ! or ?, with any closing quotes or brackets after it
 * (‘Done.’ or (see below.)), followed by a space or the end; bullet lines count as one each.
 */
export function sentences(text: string): string[] {
  return plainText(text)
    .split(/(?<=[.!?][’”'")]*)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z0-9]/.test(s));
}

/** Words in a piece of text (letters, digits, apostrophes and hyphens inside words). */
export function words(text: string): string[] {
  return plainText(text).match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g) ?? [];
}

const Minutes = Int;

// ---------------------------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------------------------

/** Limits for exercise answers, so the programme API validates answers the same way the content describes them. */
export const ANSWER_LIMITS = {
  /** Characters in a 'text' answer. */
  text: 300,
  /** Characters in a 'longtext' answer. */
  longtext: 4000,
  /** Characters in each item of a 'list' answer. */
  listItem: 200,
} as const;

/** Scales always run 0–10; only the labels change. */
export const SCALE_MIN = 0;
export const SCALE_MAX = 10;

/**
 * Show a field only once an earlier choice field in the same exercise has one of these options picked, e.g. the
 * worry tree's "What can I do about it?" only after "Can I do something about this?" is "yes". Checked in
 * ExerciseSection: it must name an earlier choice field and real option ids.
 */
export const ShowIf = z.strictObject({ field: Slug, anyOf: List(Slug, 1, 8) });
export type ShowIf = z.infer<typeof ShowIf>;

const FieldBase = {
  id: Slug,
  label: Line,
  /** A short hint shown under the label. */
  help: z.optional(Trimmed(300)),
  showIf: z.optional(ShowIf),
};

export const TextField = z.strictObject({ ...FieldBase, type: z.literal('text') });
export const LongTextField = z.strictObject({ ...FieldBase, type: z.literal('longtext') });
export const ScaleField = z.strictObject({
  ...FieldBase,
  type: z.literal('scale'),
  /** What 0 means, e.g. "Not at all". */
  minLabel: Trimmed(40),
  /** What 10 means, e.g. "Very much". */
  maxLabel: Trimmed(40),
});
export const ChoiceOption = z.strictObject({ id: Slug, label: Line });
export const ChoiceField = z
  .strictObject({
    ...FieldBase,
    type: z.literal('choice'),
    options: List(ChoiceOption, 2, 8),
    /** true → tick any number of options; false → pick one. */
    multiple: z.boolean(),
  })
  .check(z.superRefine((field, ctx) => duplicateIds(field.options, ctx, 'options')));
export const ListField = z.strictObject({
  ...FieldBase,
  type: z.literal('list'),
  /** How many short items the person is invited to write (they may write fewer). */
  count: Int(1, 10),
});

export const ExerciseField = z.discriminatedUnion('type', [
  TextField,
  LongTextField,
  ScaleField,
  ChoiceField,
  ListField,
]);
export type ExerciseField = z.infer<typeof ExerciseField>;
export type FieldType = ExerciseField['type'];

const SectionBase = {
  id: Slug,
  title: Line,
  minutes: Minutes(1, 15),
};

export const ReadingSection = z.strictObject({
  ...SectionBase,
  kind: z.literal('reading'),
  paragraphs: List(Paragraph, 1, 12),
});
export type ReadingSection = z.infer<typeof ReadingSection>;

export const ScriptLine = z.strictObject({
  /** Spoken by browser speech synthesis and shown as one caption. */
  text: Line,
  /** Quiet time after the line (for breathing or noticing), in seconds. */
  pauseAfterSeconds: z.optional(Int(0, 30)),
});
export type ScriptLine = z.infer<typeof ScriptLine>;

export const ListenSection = z.strictObject({
  ...SectionBase,
  kind: z.literal('listen'),
  /** Shown before pressing play, e.g. "Find a quiet spot. You can read the captions instead of listening." */
  intro: Trimmed(300),
  script: List(ScriptLine, 3, 60),
});
export type ListenSection = z.infer<typeof ListenSection>;

/**
 * What kind of exercise it is, so a module can offer different kinds (the content tests ask for at least two).
 * 'practice-plan' is the module's "try this week" and 'reflection' its closing "what I'll take from this".
 */
export const EXERCISE_ACTIVITIES = [
  'check-in',
  'thought-record',
  'problem-solving',
  'worry-tree',
  'worry-time',
  'values-sort',
  'strengths-sort',
  'good-things',
  'sleep-log',
  'wind-down-plan',
  'boundary-plan',
  'conversation-plan',
  'noticing',
  'staying-well-plan',
  'practice-plan',
  'reflection',
] as const;

export const ExerciseSection = z
  .strictObject({
    ...SectionBase,
    kind: z.literal('exercise'),
    activity: z.enum(EXERCISE_ACTIVITIES),
    intro: List(Paragraph, 1, 4),
    fields: List(ExerciseField, 1, 12),
    /** true → the app offers the back-to-work step after this exercise. */
    reflective: z.boolean(),
    /**
     * A "try this week" (practice-plan) only, and required there: the practice's short name, e.g. "Catch one thought
     * a day". Shown in the app (the Reminders page) and, outside discreet mode, in its reminder email's body.
     */
    practice: z.optional(Line),
  })
  .check(
    z.superRefine((section, ctx) => {
      duplicateIds(section.fields, ctx, 'fields');
      if ((section.activity === 'practice-plan') !== (section.practice !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['practice'],
          message: 'a practice-plan needs its practice name, and only a practice-plan has one',
        });
      section.fields.forEach((f, i) => {
        if (!f.showIf) return;
        const target = section.fields.slice(0, i).find((g) => g.id === f.showIf!.field);
        if (target?.type !== 'choice') {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', i, 'showIf', 'field'],
            message: 'must name an earlier choice field in this exercise',
          });
          return;
        }
        for (const option of f.showIf.anyOf) {
          if (!target.options.some((o) => o.id === option)) {
            ctx.addIssue({
              code: 'custom',
              path: ['fields', i, 'showIf', 'anyOf'],
              message: `"${option}" is not an option of "${target.id}"`,
            });
          }
        }
      });
    }),
  );
export type ExerciseSection = z.infer<typeof ExerciseSection>;

export const Section = z.discriminatedUnion('kind', [ReadingSection, ListenSection, ExerciseSection]);
export type Section = z.infer<typeof Section>;
export type SectionKind = Section['kind'];

export const MODULE_MINUTES = { min: 5, max: 45 } as const;

export const Module = z
  .strictObject({
    id: Slug,
    /** Order in the course: core modules 1–7, optional modules after them. */
    number: Int(1, 20),
    title: Line,
    summary: Trimmed(400),
    kind: z.enum(['core', 'optional']),
    /** Estimated time, shown before starting and used as the calendar event length. */
    minutes: Minutes(MODULE_MINUTES.min, MODULE_MINUTES.max),
    goals: List(Line, 2, 5),
    sections: List(Section, 3, 14),
  })
  .check(z.superRefine((module, ctx) => duplicateIds(module.sections, ctx, 'sections')));
export type Module = z.infer<typeof Module>;
export type ModuleKind = Module['kind'];

// ---------------------------------------------------------------------------------------------------------------
// Library
// ---------------------------------------------------------------------------------------------------------------

export const LibraryTags = z.strictObject({
  /** Best done somewhere nobody can see or hear you. */
  needsPrivacy: z.boolean(),
  /** Has something to listen to (speech synthesis; captions are always shown too). */
  usesAudio: z.boolean(),
  /** Asks you to write something down. */
  involvesWriting: z.boolean(),
  /** Can be done sitting at a desk without anyone noticing. */
  atDesk: z.boolean(),
});
export type LibraryTags = z.infer<typeof LibraryTags>;

export const LibraryItem = z.strictObject({
  id: Slug,
  title: Line,
  summary: Trimmed(300),
  minutes: Minutes(1, 15),
  tags: LibraryTags,
  /** 'steps' → shown as a numbered list to follow; 'paragraphs' → shown as text. */
  format: z.enum(['paragraphs', 'steps']),
  body: List(Paragraph, 1, 15),
  relatedModuleId: z.optional(Slug),
  /** The guided listening version of this item: a listen section of a module, played on the item's page. */
  practice: z.optional(z.strictObject({ moduleId: Slug, sectionId: Slug })),
});
export type LibraryItem = z.infer<typeof LibraryItem>;

export const Library = z.array(LibraryItem).check(
  z.minLength(1),
  z.superRefine((items, ctx) => duplicateIds(items, ctx)),
);

// ---------------------------------------------------------------------------------------------------------------
// Monday messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * Word stems that must never appear in an email subject or preview line: someone glancing at an inbox in an open-plan
 * office or a shared mailbox should learn nothing. A word is banned if it starts with one of these stems
 * (so "stress" also catches "stressful" and "stressed").
 */
export const BANNED_SUBJECT_STEMS = [
  'anxi',
  'burnout',
  'cbt',
  'cope',
  'coping',
  'counsel',
  'crisis',
  'depress',
  'diagnos',
  'disorder',
  'emotion',
  'feeling',
  'grief',
  'health',
  'illness',
  'lonel',
  'mental',
  'mindful',
  'mood',
  'overwhelm',
  'panic',
  'psych',
  'respite',
  'sad',
  'self-harm',
  'sick',
  'stress',
  'suicid',
  'symptom',
  'therap',
  'trauma',
  'treatment',
  'wellbeing',
  'well-being',
  'worr',
] as const;

/** The banned stems found in a piece of text (empty when it is safe for a discreet subject line). */
export function bannedWordsIn(text: string): string[] {
  const found = new Set<string>();
  for (const word of words(text.toLowerCase())) {
    for (const stem of BANNED_SUBJECT_STEMS) if (word.startsWith(stem)) found.add(stem);
  }
  return [...found];
}

const DiscreetLine = (max: number) =>
  Trimmed(max).check(
    z.superRefine((text, ctx) => {
      const banned = bannedWordsIn(text);
      if (banned.length > 0)
        ctx.addIssue({ code: 'custom', message: `must stay discreet; remove: ${banned.join(', ')}` });
    }),
  );

const SentenceCount = (min: number, max: number) =>
  Trimmed(600).check(
    z.superRefine((text, ctx) => {
      const n = sentences(text).length;
      if (n < min || n > max) ctx.addIssue({ code: 'custom', message: `must be ${min}–${max} sentences (found ${n})` });
    }),
  );

export const MondayMessage = z.strictObject({
  /** Week of the rotation, starting at 1. */
  week: Int(1, 104),
  /** Neutral subject line, safe in discreet mode. */
  subject: DiscreetLine(70),
  /** Neutral inbox preview text (the email preheader), safe in discreet mode. */
  preview: DiscreetLine(110),
  /** A short, warm note: 2–4 sentences. */
  note: SentenceCount(2, 4),
  tip: z.strictObject({
    title: Line,
    /** 1–3 sentences. */
    text: SentenceCount(1, 3),
  }),
});
export type MondayMessage = z.infer<typeof MondayMessage>;

export const MondayMessages = z.array(MondayMessage).check(
  z.minLength(1),
  z.superRefine((messages, ctx) => {
    messages.forEach((m, i) => {
      if (m.week !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'week'],
          message: `weeks must run 1, 2, 3… in order (expected ${i + 1})`,
        });
    });
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Back-to-work step
// ---------------------------------------------------------------------------------------------------------------

export const GROUNDING_SECONDS = { min: 60, max: 120 } as const;

export const GroundingStep = z.strictObject({
  /** Spoken and shown as a caption while the step's timer runs. */
  text: Line,
  seconds: Int(3, 60),
});
export type GroundingStep = z.infer<typeof GroundingStep>;

export const Grounding = z
  .strictObject({
    id: Slug,
    title: Line,
    /** Total length; the steps' seconds must add up to exactly this. */
    seconds: Int(GROUNDING_SECONDS.min, GROUNDING_SECONDS.max),
    /** Whether it can be done at a desk without being noticed. */
    atDesk: z.boolean(),
    steps: List(GroundingStep, 2, 20),
  })
  .check(
    z.superRefine((g, ctx) => {
      const total = g.steps.reduce((sum, s) => sum + s.seconds, 0);
      if (total !== g.seconds)
        ctx.addIssue({
          code: 'custom',
          path: ['steps'],
          message: `steps add up to ${total}s but seconds is ${g.seconds}`,
        });
    }),
  );
export type Grounding = z.infer<typeof Grounding>;

export const BackToWork = z.strictObject({
  /** Shown when the step is offered, e.g. "Before you go back to work…". */
  intro: Trimmed(300),
  groundings: List(Grounding, 3, 10).check(z.superRefine((gs, ctx) => duplicateIds(gs, ctx))),
  parkThought: z.strictObject({
    title: Line,
    /** The invitation to write the thought down and leave it for later. */
    prompt: Trimmed(300),
    /** Placeholder for the text box. */
    placeholder: Line,
    /** Shown after parking it, e.g. "It's safe here. You can come back to it this evening." */
    parked: Trimmed(300),
  }),
  /** Gentle hand-back-to-work lines; the app shows one (rotating) as the last screen. */
  handBack: List(Line, 3, 20),
});
export type BackToWork = z.infer<typeof BackToWork>;

// ---------------------------------------------------------------------------------------------------------------
// Exercise answers (for the programme API: validate saved answers against the exercise's own fields)
// ---------------------------------------------------------------------------------------------------------------

/** The zod schema for one answer to one field. */
export function answerSchemaFor(field: ExerciseField): z.ZodMiniType {
  switch (field.type) {
    case 'text':
      return z.string().check(z.maxLength(ANSWER_LIMITS.text));
    case 'longtext':
      return z.string().check(z.maxLength(ANSWER_LIMITS.longtext));
    case 'scale':
      return Int(SCALE_MIN, SCALE_MAX);
    case 'choice': {
      const one = z.enum(field.options.map((o) => o.id) as [string, ...string[]]);
      return field.multiple
        ? z.array(one).check(
            z.maxLength(field.options.length),
            z.refine((ids) => new Set(ids).size === ids.length, 'options must not repeat'),
          )
        : one;
    }
    case 'list':
      return List(z.string().check(z.maxLength(ANSWER_LIMITS.listItem)), 0, field.count);
  }
}

/**
 * Answers to one exercise: { [fieldId]: answer }. Every field is optional so partial answers can be autosaved;
 * unknown field ids are refused (strict), naming the field.
 */
export function exerciseAnswersSchema(section: Pick<ExerciseSection, 'fields'>) {
  return z.strictObject(Object.fromEntries(section.fields.map((f) => [f.id, z.optional(answerSchemaFor(f))])));
}

// ---------------------------------------------------------------------------------------------------------------

function duplicateIds(items: readonly { id: string }[], ctx: z.core.$RefinementCtx, path?: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: path ? [path, i, 'id'] : [i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}

/** Parses one content file, naming the file and the field in the error so the editor knows what to fix. */
export function parseContent<T extends z.ZodMiniType>(file: string, schema: T, data: unknown): z.output<T> {
  const result = z.safeParse(schema, data);
  if (!result.success) {
    const where = result.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n');
    throw new Error(`Invalid content in ${file}:\n${where}`);
  }
  return result.data;
}
