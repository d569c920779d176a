// Reads and writes of the programme context. Everything here lives in the person's partition USER#<userId>;
// keys come from keys.ts only. Events that feed employer statistics write their counters in the same transaction
// as a conditional put of the event record, so a retried request counts once.

import { epochSeconds } from '../../shared/clock.js';
import type { Db } from '../../shared/db.js';
import { keys } from '../keys.js';
import { ALL_TIME, counterUpdates, NO_DEPARTMENT, ORG_WIDE } from '../stats/counters.js';
import {
  DiaryEntryItem,
  ExerciseAnswersItem,
  ModuleProgressItem,
  ParkedThoughtItem,
  QuestionnaireFirstScoreItem,
  QuestionnaireResponseItem,
  WelcomeItem,
} from './schema.js';

// ---- course progress ------------------------------------------------------------------------------------------

export const listModuleProgress = (db: Db, userId: string) =>
  db.query(keys.moduleProgressPrefix(userId), ModuleProgressItem);

export const getModuleProgress = (db: Db, userId: string, moduleId: string) =>
  db.get(keys.moduleProgress(userId, moduleId), ModuleProgressItem, { consistent: true });

/** Starts a module: the progress item is the event record. Returns false when it had already started. */
export async function startModule(
  db: Db,
  userId: string,
  moduleId: string,
  firstSectionId: string,
  department: string | undefined,
  now: Date,
) {
  const at = now.toISOString();
  const item: ModuleProgressItem = {
    moduleId,
    status: 'in_progress',
    sectionId: firstSectionId,
    startedAt: at,
    updatedAt: at,
  };
  return db.transact([
    db.txPut({ ...keys.moduleProgress(userId, moduleId), ...item }, { ifAbsent: true }),
    ...counterUpdates(db, 'module_starts', department, now),
  ]);
}

/** Moves the resume point (and marks a finished section). Only for a module that has started. */
export async function setPosition(
  db: Db,
  userId: string,
  moduleId: string,
  sectionId: string,
  doneSectionId: string | undefined,
  now: Date,
) {
  return db.updateIf(keys.moduleProgress(userId, moduleId), {
    update: `SET sectionId = :s, updatedAt = :at${doneSectionId ? ' ADD doneSections :done' : ''}`,
    condition: 'attribute_exists(pk)',
    values: {
      ':s': sectionId,
      ':at': now.toISOString(),
      ...(doneSectionId ? { ':done': new Set([doneSectionId]) } : {}),
    },
  });
}

/** Completes a module once: the completion record is put only if absent, with its counters. */
export async function completeModule(
  db: Db,
  userId: string,
  moduleId: string,
  lastSectionId: string,
  department: string | undefined,
  now: Date,
) {
  const at = now.toISOString();
  return db.transact([
    db.txPut({ ...keys.moduleCompleted(userId, moduleId), moduleId, completedAt: at }, { ifAbsent: true }),
    {
      Update: {
        TableName: db.tableName,
        Key: keys.moduleProgress(userId, moduleId),
        UpdateExpression: 'SET #st = :done, completedAt = :at, updatedAt = :at, sectionId = :s ADD doneSections :last',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: {
          ':done': 'completed',
          ':at': at,
          ':s': lastSectionId,
          ':last': new Set([lastSectionId]),
        },
      },
    },
    ...counterUpdates(db, 'module_completions', department, now),
  ]);
}

// ---- exercise answers -----------------------------------------------------------------------------------------

export const listModuleAnswers = (db: Db, userId: string, moduleId: string) =>
  db.query(keys.exerciseAnswersPrefix(userId, moduleId), ExerciseAnswersItem);

export const listAllAnswers = (db: Db, userId: string) =>
  db.query(keys.allExerciseAnswersPrefix(userId), ExerciseAnswersItem);

/** Autosave: the latest save from the person wins (their newest typing). */
export async function saveAnswers(db: Db, userId: string, item: ExerciseAnswersItem) {
  await db.put({ ...keys.exerciseAnswers(userId, item.moduleId, item.sectionId), ...item });
}

// ---- diaries ---------------------------------------------------------------------------------------------------

export const listDiary = (db: Db, userId: string) => db.query(keys.diaryPrefix(userId), DiaryEntryItem);
export const getDiaryEntry = (db: Db, userId: string, entryId: string) =>
  db.get(keys.diaryEntry(userId, entryId), DiaryEntryItem, { consistent: true });

/** Creates an entry if its id is new; returns false when it already exists (a retried create). */
export const createDiaryEntry = (db: Db, userId: string, item: DiaryEntryItem) =>
  db.put({ ...keys.diaryEntry(userId, item.entryId), ...item }, { ifAbsent: true });

/** Replaces an entry only if it is still at `expectedVersion` (409 otherwise). */
export const replaceDiaryEntry = (db: Db, userId: string, item: DiaryEntryItem, expectedVersion: number) =>
  db.putVersioned({ ...keys.diaryEntry(userId, item.entryId), ...item }, expectedVersion);

export const deleteDiaryEntry = (db: Db, userId: string, entryId: string) =>
  db.delete(keys.diaryEntry(userId, entryId));

// ---- questionnaires --------------------------------------------------------------------------------------------

export const listResponses = (db: Db, userId: string) =>
  db.query(keys.questionnaireResponsePrefix(userId), QuestionnaireResponseItem);
export const getResponse = (db: Db, userId: string, questionnaireId: string, responseId: string) =>
  db.get(keys.questionnaireResponse(userId, questionnaireId, responseId), QuestionnaireResponseItem, {
    consistent: true,
  });

/**
 * Stores a completed questionnaire and counts it, once. The counter never depends on the answers
 * (so no answer, and never PHQ-9 item 9, enters an aggregate). Returns false for a retried submission.
 */
export async function storeResponse(
  db: Db,
  userId: string,
  item: QuestionnaireResponseItem,
  department: string | undefined,
  now: Date,
) {
  return db.transact([
    db.txPut(
      { ...keys.questionnaireResponse(userId, item.questionnaireId, item.responseId), ...item },
      { ifAbsent: true },
    ),
    ...counterUpdates(db, 'questionnaire_completions', department, now),
  ]);
}

/** Records the first score of a questionnaire in a period (if none yet) and returns the first score. */
export async function firstScoreIn(
  db: Db,
  userId: string,
  questionnaireId: string,
  period: string,
  score: number,
  now: Date,
): Promise<number> {
  const key = keys.questionnaireFirstScore(userId, questionnaireId, period);
  // Kept a little over a year (the longest period it serves, apart from all-time, is a month).
  const expiresAt = period === ALL_TIME ? undefined : epochSeconds(now) + 400 * 86_400;
  const fresh = await db.put({ ...key, score, ...(expiresAt ? { expiresAt } : {}) }, { ifAbsent: true });
  if (fresh) return score;
  return (await db.get(key, QuestionnaireFirstScoreItem, { consistent: true }))?.score ?? score;
}

// ---- first run ---------------------------------------------------------------------------------------------------

export const getWelcome = (db: Db, userId: string) => db.get(keys.welcome(userId), WelcomeItem, { consistent: true });
/** Stores the goals; `finished` sets finishedAt the first time only, so a repeated request changes nothing. */
export async function saveWelcome(
  db: Db,
  userId: string,
  input: { goals: string[]; finished: boolean },
  now: Date,
): Promise<WelcomeItem> {
  await db.update(keys.welcome(userId), {
    update: `SET goals = :g, updatedAt = :now${input.finished ? ', finishedAt = if_not_exists(finishedAt, :now)' : ''}`,
    values: { ':g': input.goals, ':now': now.toISOString() },
  });
  return (await getWelcome(db, userId))!;
}

// ---- parked thoughts -------------------------------------------------------------------------------------------

export const listParked = (db: Db, userId: string) => db.query(keys.parkedThoughtPrefix(userId), ParkedThoughtItem);
export const parkThought = (db: Db, userId: string, item: ParkedThoughtItem) =>
  db.put({ ...keys.parkedThought(userId, item.thoughtId), ...item }, { ifAbsent: true });
export const deleteParked = (db: Db, userId: string, thoughtId: string) =>
  db.delete(keys.parkedThought(userId, thoughtId));
/** Marks a parked thought done (keeping the first time) or not done; undefined when there is no such thought. */
export const markParked = (db: Db, userId: string, thoughtId: string, done: boolean, now: Date) =>
  done
    ? db.updateIfReturning(
        keys.parkedThought(userId, thoughtId),
        {
          update: 'SET doneAt = if_not_exists(doneAt, :now)',
          condition: 'attribute_exists(pk)',
          values: { ':now': now.toISOString() },
        },
        ParkedThoughtItem,
      )
    : db.updateIfReturning(
        keys.parkedThought(userId, thoughtId),
        { update: 'REMOVE doneAt', condition: 'thoughtId = :id', values: { ':id': thoughtId } },
        ParkedThoughtItem,
      );
/** Waiting thoughts first (newest first), then the done ones (most recently done first). */
export const parkedOrder = (a: ParkedThoughtItem, b: ParkedThoughtItem) =>
  a.doneAt && b.doneAt
    ? b.doneAt.localeCompare(a.doneAt)
    : a.doneAt
      ? 1
      : b.doneAt
        ? -1
        : b.createdAt.localeCompare(a.createdAt);

/** Counts a person once per period for "questionnaire_improved" (marker put if absent + the period's counters). */
export async function countImprovedOnce(
  db: Db,
  userId: string,
  period: string,
  department: string | undefined,
  now: Date,
) {
  const dept = department ?? NO_DEPARTMENT;
  const expiresAt = period === ALL_TIME ? {} : { expiresAt: epochSeconds(now) + 400 * 86_400 };
  return db.transact([
    db.txPut({ ...keys.counted(userId, 'questionnaire_improved', period), ...expiresAt }, { ifAbsent: true }),
    db.txIncrement(keys.counter(period, 'questionnaire_improved', ORG_WIDE), 'value'),
    db.txIncrement(keys.counter(period, 'questionnaire_improved', dept), 'value'),
  ]);
}
