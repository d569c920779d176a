// The course: overview with progress and a resume point, one module with the person's answers, starting,
// moving through sections, autosaving exercise answers and completing; the library with its listening practices.
// Only a module's own page reads the module's full file (loadModule); everything else uses the outline.
// Plain functions; no HTTP here.

import type { Db } from '../../shared/db.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import * as z from '../../shared/zod.js';
import { getProfile } from '../enrolment/repository.js';
import { countDistinct } from '../stats/counters.js';
import {
  BACK_TO_WORK,
  LIBRARY,
  loadModule,
  MODULE_OUTLINES,
  type ModuleOutline,
  moduleById,
  practiceOf,
} from './content/index.js';
import { exerciseAnswersSchema, type Module } from './content/schema.js';
import { nextModuleOf } from './next-module.js';
import * as repo from './repository.js';
import type { ModuleProgressItem } from './schema.js';

const WEEK_MS = 7 * 86_400_000;
/** Suggested pace: one module a week over 8 weeks. Shown, never enforced. */
export const COURSE_WEEKS = 8;

export type ModuleStatus = 'not_started' | 'in_progress' | 'completed';

export interface ModuleSummary {
  id: string;
  number: number;
  title: string;
  summary: string;
  kind: Module['kind'];
  minutes: number;
  sectionCount: number;
  status: ModuleStatus;
  /** Where "resume" goes in this module. */
  sectionId: string | null;
  doneSections: number;
}

function progressView(module: ModuleOutline, p: ModuleProgressItem | undefined): ModuleSummary {
  return {
    id: module.id,
    number: module.number,
    title: module.title,
    summary: module.summary,
    kind: module.kind,
    minutes: module.minutes,
    sectionCount: module.sections.length,
    status: p?.status ?? 'not_started',
    sectionId: p?.sectionId ?? null,
    doneSections: p?.doneSections
      ? [...p.doneSections].filter((id) => module.sections.some((s) => s.id === id)).length
      : 0,
  };
}

/** The closing reflection every module ends with (docs/content.md): shown on the progress page. */
export const TAKE_AWAY = { sectionId: 'what-ill-take', fieldId: 'take-away' } as const;

/** The whole course with the person's progress and what they wrote they'd take from each module: two Queries. */
export async function courseOverview(db: Db, userId: string, now: Date) {
  const [progress, answers] = await Promise.all([repo.listModuleProgress(db, userId), repo.listAllAnswers(db, userId)]);
  const takeaways = MODULE_OUTLINES.flatMap((m) => {
    const saved = answers.find((a) => a.moduleId === m.id && a.sectionId === TAKE_AWAY.sectionId);
    const text = saved?.answers[TAKE_AWAY.fieldId];
    return typeof text === 'string' && text.trim()
      ? [{ moduleId: m.id, number: m.number, title: m.title, text: text.trim(), updatedAt: saved!.updatedAt }]
      : [];
  });
  const byId = new Map(progress.map((p) => [p.moduleId, p]));
  const modules = MODULE_OUTLINES.map((m) => progressView(m, byId.get(m.id)));
  const latest = progress
    .filter((p) => p.status === 'in_progress' && moduleById(p.moduleId))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const firstStart = progress.map((p) => p.startedAt).sort()[0];
  const week = firstStart
    ? Math.min(COURSE_WEEKS, Math.floor((now.getTime() - Date.parse(firstStart)) / WEEK_MS) + 1)
    : null;
  return {
    modules,
    takeaways,
    resume: latest ? { moduleId: latest.moduleId, sectionId: latest.sectionId } : null,
    next: nextModuleOf(progress),
    pace: {
      weeks: COURSE_WEEKS,
      week,
      completed: modules.filter((m) => m.status === 'completed').length,
      core: modules.filter((m) => m.kind === 'core').length,
    },
  };
}

function requireModule(moduleId: string): ModuleOutline {
  const module = moduleById(moduleId);
  if (!module) throw notFound('There is no module with this name.');
  return module;
}

function requireSection(module: ModuleOutline, sectionId: string) {
  const section = module.sections.find((s) => s.id === sectionId);
  if (!section)
    throw new AppError(
      422,
      'validation_failed',
      `Some fields are not valid. sectionId: is not a section of this module`,
      [{ field: 'body.sectionId', message: 'is not a section of this module' }],
    );
  return section;
}

/** The library, each item with its guided listening practice (read from its module) where it has one. */
export function library() {
  return { items: LIBRARY.map((item) => (item.practice ? { ...item, listen: practiceOf(item) } : item)) };
}

/** One module with the person's place in it and their saved answers: a GetItem and a Query. */
export async function moduleDetail(db: Db, userId: string, moduleId: string) {
  const module: Module = loadModule(requireModule(moduleId).id)!;
  const [progress, answers] = await Promise.all([
    repo.getModuleProgress(db, userId, moduleId),
    repo.listModuleAnswers(db, userId, moduleId),
  ]);
  const hasReflective = module.sections.some((s) => s.kind === 'exercise' && s.reflective);
  return {
    module,
    progress: progressView(module, progress),
    doneSectionIds: progress?.doneSections ? [...progress.doneSections] : [],
    answers: Object.fromEntries(answers.map((a) => [a.sectionId, { answers: a.answers, updatedAt: a.updatedAt }])),
    backToWork: hasReflective ? BACK_TO_WORK : null,
  };
}

async function departmentOf(db: Db, userId: string) {
  return (await getProfile(db, userId))?.departmentId;
}

/** Starts a module (idempotent: starting twice counts once) and returns its progress. */
export async function startModule(db: Db, userId: string, moduleId: string, now: Date) {
  const module = requireModule(moduleId);
  const existing = await repo.getModuleProgress(db, userId, moduleId);
  if (!existing) {
    const department = await departmentOf(db, userId);
    if (await repo.startModule(db, userId, moduleId, module.sections[0]!.id, department, now))
      await countDistinct(db, userId, 'active', department, now);
  }
  return progressView(module, await repo.getModuleProgress(db, userId, moduleId));
}

/** Saves where the person is (so they resume exactly there). Starts the module first if needed. */
export async function moveTo(
  db: Db,
  userId: string,
  moduleId: string,
  input: { sectionId: string; doneSectionId?: string | undefined },
  now: Date,
) {
  const module = requireModule(moduleId);
  requireSection(module, input.sectionId);
  if (input.doneSectionId) requireSection(module, input.doneSectionId);
  if (!(await repo.setPosition(db, userId, moduleId, input.sectionId, input.doneSectionId, now))) {
    await startModule(db, userId, moduleId, now);
    await repo.setPosition(db, userId, moduleId, input.sectionId, input.doneSectionId, now);
  }
  return progressView(module, await repo.getModuleProgress(db, userId, moduleId));
}

/** Autosaves (possibly partial) answers to one exercise, checked against the exercise's own fields. */
export async function saveExerciseAnswers(
  db: Db,
  userId: string,
  moduleId: string,
  sectionId: string,
  answers: Record<string, unknown>,
  now: Date,
) {
  const module = requireModule(moduleId);
  const section = module.sections.find((s) => s.id === sectionId);
  if (!section) throw notFound('There is no section with this name in this module.');
  if (section.kind !== 'exercise') throw new AppError(409, 'not_an_exercise', 'This section has nothing to fill in.');
  const parsed = z.safeParse(z.strictObject({ answers: exerciseAnswersSchema(section) }), { answers });
  if (!parsed.success) throw validationError(parsed.error, 'body');
  const updatedAt = now.toISOString();
  await repo.saveAnswers(db, userId, {
    moduleId,
    sectionId,
    answers: parsed.data.answers as Record<string, unknown>,
    updatedAt,
  });
  return { sectionId, updatedAt };
}

/** Completes a module (starting it first if needed). A retried completion changes nothing and counts once. */
export async function completeModule(db: Db, userId: string, moduleId: string, now: Date) {
  const module = requireModule(moduleId);
  let progress = await repo.getModuleProgress(db, userId, moduleId);
  if (!progress) {
    await startModule(db, userId, moduleId, now);
    progress = await repo.getModuleProgress(db, userId, moduleId);
  }
  if (progress?.status !== 'completed') {
    const department = await departmentOf(db, userId);
    if (await repo.completeModule(db, userId, moduleId, module.sections.at(-1)!.id, department, now)) {
      await countDistinct(db, userId, 'module_completers', department, now);
      await countDistinct(db, userId, 'active', department, now);
    }
  }
  return progressView(module, await repo.getModuleProgress(db, userId, moduleId));
}
