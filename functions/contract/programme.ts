// /api/programme: the course and progress, exercise answers, diaries, questionnaires, library, parked thoughts, the
// first run and the "add to calendar" download. Employees only.
import { BackToWork, LibraryItem, ListenSection, Module } from '../domain/programme/content/schema.js';
import { QUESTIONNAIRE_IDS } from '../domain/programme/questionnaires/definitions.js';
import {
  AnswersInput,
  CalendarQuery,
  CreateDiaryInput,
  DiaryFields,
  DiaryParams,
  ModuleParams,
  ParkedParams,
  ParkedUpdateInput,
  ParkThoughtInput,
  PositionInput,
  QuestionnaireParams,
  SectionParams,
  SubmitQuestionnaireInput,
  UpdateDiaryInput,
  WelcomeInput,
} from '../domain/programme/schema.js';
import * as z from '../shared/zod.js';
import { CrisisResource } from './common.js';
import { endpoint, Iso, NoBody, Text } from './endpoint.js';

const o = z.strictObject;
const P = '/api/programme';

export const ModuleProgress = o({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(['core', 'optional']),
  minutes: z.number(),
  sectionCount: z.number(),
  status: z.enum(['in_progress', 'completed', 'not_started']),
  sectionId: z.nullable(z.string()),
  doneSections: z.number(),
});
export type ModuleProgress = z.infer<typeof ModuleProgress>;

export const CourseOverview = o({
  modules: z.array(ModuleProgress),
  takeaways: z.array(
    o({ moduleId: z.string(), number: z.number(), title: z.string(), text: z.string(), updatedAt: Iso }),
  ),
  resume: z.nullable(o({ moduleId: z.string(), sectionId: z.string() })),
  next: z.nullable(o({ moduleId: z.string(), title: z.string(), number: z.number(), minutes: z.number() })),
  pace: o({ weeks: z.number(), week: z.nullable(z.number()), completed: z.number(), core: z.number() }),
});
export type CourseOverview = z.infer<typeof CourseOverview>;

export const ModuleDetail = o({
  module: Module,
  progress: ModuleProgress,
  doneSectionIds: z.array(z.string()),
  answers: z.record(z.string(), o({ answers: z.record(z.string(), z.unknown()), updatedAt: Iso })),
  backToWork: z.nullable(BackToWork),
});
export type ModuleDetail = z.infer<typeof ModuleDetail>;

export const LibraryEntry = z.extend(LibraryItem, { listen: z.optional(ListenSection) });
export type LibraryEntry = z.infer<typeof LibraryEntry>;

export const DiaryEntry = o({
  entryId: z.string(),
  version: z.number(),
  createdAt: Iso,
  updatedAt: Iso,
  occurredAt: Iso,
  entry: DiaryFields,
});
export type DiaryEntry = z.infer<typeof DiaryEntry>;

export const QuestionnaireDefinition = o({
  id: z.enum(QUESTIONNAIRE_IDS),
  name: z.string(),
  about: z.string(),
  instructions: z.string(),
  items: z.readonly(z.array(z.string())),
  options: z.readonly(z.array(o({ value: z.number(), label: z.string() }))),
  range: o({ min: z.number(), max: z.number() }),
  higherIsBetter: z.boolean(),
  bands: z.readonly(z.array(o({ min: z.number(), max: z.number(), label: z.string(), description: z.string() }))),
  citation: z.string(),
});
export type QuestionnaireDefinition = z.infer<typeof QuestionnaireDefinition>;

export const QuestionnaireResult = o({
  responseId: z.string(),
  questionnaireId: z.enum(QUESTIONNAIRE_IDS),
  score: z.number(),
  band: o({ label: z.string(), description: z.string(), min: z.number(), max: z.number() }),
  flag: z.nullable(o({ label: z.string(), description: z.string() })),
  submittedAt: Iso,
  safetyConcern: z.boolean(),
});
export type QuestionnaireResult = z.infer<typeof QuestionnaireResult>;

export const Questionnaires = o({
  definitions: z.array(QuestionnaireDefinition),
  history: z.record(z.enum(QUESTIONNAIRE_IDS), z.array(QuestionnaireResult)),
});
export type Questionnaires = z.infer<typeof Questionnaires>;

export const SubmittedQuestionnaire = o({
  safety: o({ show: z.boolean(), crisisResources: z.array(CrisisResource) }),
  response: QuestionnaireResult,
});
export type SubmittedQuestionnaire = z.infer<typeof SubmittedQuestionnaire>;

export const Welcome = o({
  finished: z.boolean(),
  goals: z.array(z.string()),
  options: z.array(o({ id: z.string(), label: z.string() })),
});
export type Welcome = z.infer<typeof Welcome>;

export const ParkedThought = o({ thoughtId: z.string(), text: z.string(), createdAt: Iso, doneAt: z.optional(Iso) });
export type ParkedThought = z.infer<typeof ParkedThought>;

export const programme = {
  course: endpoint({ method: 'GET', path: `${P}/course`, response: CourseOverview }),
  module: endpoint({ method: 'GET', path: `${P}/modules/:moduleId`, params: ModuleParams, response: ModuleDetail }),
  startModule: endpoint({
    method: 'POST',
    path: `${P}/modules/:moduleId/start`,
    params: ModuleParams,
    response: ModuleProgress,
  }),
  moveTo: endpoint({
    method: 'PUT',
    path: `${P}/modules/:moduleId/position`,
    params: ModuleParams,
    body: PositionInput,
    response: ModuleProgress,
  }),
  saveAnswers: endpoint({
    method: 'PUT',
    path: `${P}/modules/:moduleId/sections/:sectionId/answers`,
    params: SectionParams,
    body: AnswersInput,
    response: o({ sectionId: z.string(), updatedAt: Iso }),
  }),
  completeModule: endpoint({
    method: 'POST',
    path: `${P}/modules/:moduleId/complete`,
    params: ModuleParams,
    response: ModuleProgress,
  }),
  calendar: endpoint({
    method: 'GET',
    path: `${P}/modules/:moduleId/calendar.ics`,
    params: ModuleParams,
    query: CalendarQuery,
    response: Text,
  }),
  library: endpoint({ method: 'GET', path: `${P}/library`, response: o({ items: z.array(LibraryEntry) }) }),
  diary: endpoint({ method: 'GET', path: `${P}/diary`, response: o({ entries: z.array(DiaryEntry) }) }),
  createDiary: endpoint({ method: 'POST', path: `${P}/diary`, body: CreateDiaryInput, response: DiaryEntry }),
  diaryEntry: endpoint({ method: 'GET', path: `${P}/diary/:entryId`, params: DiaryParams, response: DiaryEntry }),
  updateDiary: endpoint({
    method: 'PUT',
    path: `${P}/diary/:entryId`,
    params: DiaryParams,
    body: UpdateDiaryInput,
    response: DiaryEntry,
  }),
  deleteDiary: endpoint({ method: 'DELETE', path: `${P}/diary/:entryId`, params: DiaryParams, response: NoBody }),
  questionnaires: endpoint({ method: 'GET', path: `${P}/questionnaires`, response: Questionnaires }),
  submitQuestionnaire: endpoint({
    method: 'POST',
    path: `${P}/questionnaires/:questionnaireId/responses`,
    params: QuestionnaireParams,
    body: SubmitQuestionnaireInput,
    response: SubmittedQuestionnaire,
  }),
  welcome: endpoint({ method: 'GET', path: `${P}/welcome`, response: Welcome }),
  saveWelcome: endpoint({ method: 'PUT', path: `${P}/welcome`, body: WelcomeInput, response: Welcome }),
  parked: endpoint({ method: 'GET', path: `${P}/parked`, response: o({ thoughts: z.array(ParkedThought) }) }),
  park: endpoint({ method: 'POST', path: `${P}/parked`, body: ParkThoughtInput, response: ParkedThought }),
  markParked: endpoint({
    method: 'PUT',
    path: `${P}/parked/:thoughtId`,
    params: ParkedParams,
    body: ParkedUpdateInput,
    response: ParkedThought,
  }),
  deleteParked: endpoint({ method: 'DELETE', path: `${P}/parked/:thoughtId`, params: ParkedParams, response: NoBody }),
};

/** Course content as served (the same schemas check the content files when they load). */
export type {
  BackToWork,
  ExerciseField,
  ListenSection,
  Module,
  ScriptLine,
  Section,
} from '../domain/programme/content/schema.js';
