// Items and inputs of the programme context: course progress, exercise answers, diaries, questionnaire responses,
// parked thoughts. Items are parsed on read; inputs are validated at the edge (strict objects: unknown fields → 422).
import * as z from '../../shared/zod.js';
import { Slug } from './content/slug.js';
import { QUESTIONNAIRE_IDS } from './questionnaires/definitions.js';

/** Ids the client makes (e.g. crypto.randomUUID()), so a retried create is recognised and changes nothing. */
export const ClientId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"'));

// ---- items -------------------------------------------------------------------------------------------------

export const ModuleProgressItem = z.object({
  moduleId: z.string(),
  status: z.enum(['in_progress', 'completed']),
  /** The section the person was last on: where "resume" takes them. */
  sectionId: z.string(),
  /** Sections finished at least once (a DynamoDB string set; absent until the first one). */
  doneSections: z.optional(z.set(z.string())),
  startedAt: z.string(),
  completedAt: z.optional(z.string()),
  updatedAt: z.string(),
});
export type ModuleProgressItem = z.infer<typeof ModuleProgressItem>;

export const ExerciseAnswersItem = z.object({
  moduleId: z.string(),
  sectionId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type ExerciseAnswersItem = z.infer<typeof ExerciseAnswersItem>;

const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max, `must be at most ${max} characters`));
const Required = (max: number) =>
  z.string().check(z.trim(), z.maxLength(max, `must be at most ${max} characters`), z.minLength(1, 'is required'));
const Score = (max: number) => z.int().check(z.minimum(0, `must be 0–${max}`), z.maximum(max, `must be 0–${max}`));

export const StressDiaryFields = z.strictObject({
  kind: z.literal('stress'),
  /** When it happened (ISO date-time); defaults to when it was written. */
  occurredAt: z.optional(z.iso.datetime({ offset: true })),
  situation: Required(1000),
  stress: Score(10),
  bodyAndFeelings: z._default(Text(1000), ''),
  whatHelped: z._default(Text(1000), ''),
});

export const ThoughtDiaryFields = z.strictObject({
  kind: z.literal('thought'),
  occurredAt: z.optional(z.iso.datetime({ offset: true })),
  situation: Required(1000),
  automaticThought: Required(1000),
  emotion: Required(100),
  /** How strong the feeling was, 0–100. */
  intensityBefore: Score(100),
  evidenceFor: z._default(Text(1500), ''),
  evidenceAgainst: z._default(Text(1500), ''),
  balancedThought: z._default(Text(1000), ''),
  /** Re-rated after writing the balanced thought. */
  intensityAfter: z._default(z.nullable(Score(100)), null),
});

export const DiaryFields = z.discriminatedUnion('kind', [StressDiaryFields, ThoughtDiaryFields]);
export type DiaryFields = z.infer<typeof DiaryFields>;

export const DiaryEntryItem = z.object({
  entryId: z.string(),
  version: z.int().check(z.minimum(1)),
  createdAt: z.string(),
  updatedAt: z.string(),
  occurredAt: z.string(),
  entry: z.record(z.string(), z.unknown()),
});
export type DiaryEntryItem = z.infer<typeof DiaryEntryItem>;

export const QuestionnaireResponseItem = z.object({
  questionnaireId: z.enum(QUESTIONNAIRE_IDS),
  responseId: z.string(),
  answers: z.array(z.int()),
  rawTotal: z.number(),
  score: z.number(),
  bandLabel: z.string(),
  safetyConcern: z.boolean(),
  submittedAt: z.string(),
});
export type QuestionnaireResponseItem = z.infer<typeof QuestionnaireResponseItem>;

export const QuestionnaireFirstScoreItem = z.object({ score: z.number() });

export const ParkedThoughtItem = z.object({
  thoughtId: z.string(),
  text: z.string(),
  createdAt: z.string(),
  /** When the person marked it done (absent while it is still waiting to be picked up). */
  doneAt: z.optional(z.string()),
});
export type ParkedThoughtItem = z.infer<typeof ParkedThoughtItem>;

/** Goals a person may pick in the first run (optional; they shape nothing the employer sees). */
export const GOALS = [
  { id: 'worry-less', label: 'Worry less about work' },
  { id: 'switch-off', label: 'Switch off after work' },
  { id: 'sleep-better', label: 'Sleep better' },
  { id: 'handle-pressure', label: 'Handle pressure and deadlines' },
  { id: 'feel-in-control', label: 'Feel more in control of my day' },
  { id: 'back-to-work', label: 'Settle back in after time off' },
] as const;
export const GOAL_IDS = GOALS.map((g) => g.id) as [string, ...string[]];

export const WelcomeItem = z.object({
  /** Set once the first run was finished or skipped; it is not offered again after that. */
  finishedAt: z.optional(z.string()),
  goals: z._default(z.array(z.string()), []),
  updatedAt: z.string(),
});
export type WelcomeItem = z.infer<typeof WelcomeItem>;

// ---- inputs ------------------------------------------------------------------------------------------------

export const ModuleParams = z.strictObject({ moduleId: Slug });
export const SectionParams = z.strictObject({ moduleId: Slug, sectionId: Slug });

export const PositionInput = z.strictObject({
  /** The section the person is now on. */
  sectionId: Slug,
  /** A section they just finished (moving on from it). */
  doneSectionId: z.optional(Slug),
});

/** Answers are checked against the exercise's own fields in the logic (content decides their shape). */
export const AnswersInput = z.strictObject({ answers: z.record(z.string(), z.unknown()) });

export const CreateDiaryInput = z.strictObject({ entryId: ClientId, entry: DiaryFields });
export const UpdateDiaryInput = z.strictObject({
  entry: DiaryFields,
  /** The version the person was editing: a newer stored version means another tab changed it (409). */
  version: z.int().check(z.minimum(1)),
});
export const DiaryParams = z.strictObject({ entryId: ClientId });

export const QuestionnaireParams = z.strictObject({ questionnaireId: z.enum(QUESTIONNAIRE_IDS) });
export const SubmitQuestionnaireInput = z.strictObject({
  responseId: ClientId,
  /** One value per item in order; null = not answered yet (refused with the missing items named). */
  answers: z.array(z.nullable(z.int('must be a whole number'))).check(z.maxLength(20)),
});

export const WelcomeInput = z.strictObject({
  goals: z.array(z.enum(GOAL_IDS, 'is not one of the goals offered')).check(
    z.maxLength(GOALS.length),
    z.refine((g) => new Set(g).size === g.length, 'lists a goal twice'),
  ),
  /** True when the person finishes or skips the first run. */
  finished: z.boolean(),
});

export const ParkThoughtInput = z.strictObject({ thoughtId: ClientId, text: Required(1000) });
export const ParkedParams = z.strictObject({ thoughtId: ClientId });
/** Mark a parked thought done, or not done again. The same value twice changes nothing (the first doneAt stays). */
export const ParkedUpdateInput = z.strictObject({ done: z.boolean() });

export const CalendarQuery = z.strictObject({
  /** Start of the event, an ISO date-time with offset (the browser sends its local choice as UTC). */
  start: z.iso.datetime({ offset: true }),
  /** "1" when discreet mode is on for this device only (the account setting is read on the server). */
  discreet: z.optional(z.literal('1')),
});
