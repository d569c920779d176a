// Programme context router (prefix /api/programme): the course and progress, exercise answers, diaries,
// questionnaires, library, parked thoughts and the "add to calendar" download. Employees only; every read costs
// at most 3 DynamoDB requests, and none is a Scan.

import { programme } from '../contract/programme.js';
import { crisisResourcesForPerson } from '../domain/org/person-country.js';
import { focusTimeEvent } from '../domain/programme/calendar.js';
import { moduleById } from '../domain/programme/content/index.js';
import * as course from '../domain/programme/course.js';
import * as diary from '../domain/programme/diary.js';
import * as questionnaires from '../domain/programme/questionnaires/service.js';
import * as repo from '../domain/programme/repository.js';
import { GOALS, type WelcomeItem } from '../domain/programme/schema.js';
import { getPrefs } from '../domain/reminders/repository.js';
import { notFound } from '../shared/errors.js';
import { created, httpHandler, noContent, ok, route } from '../shared/http.js';

const EMPLOYEE = ['employee'] as const;

const welcomeView = (item: WelcomeItem | undefined) => ({
  finished: !!item?.finishedAt,
  goals: item?.goals ?? [],
  options: [...GOALS],
});

export const routes = [
  // ---- course ----
  route({
    ...programme.course,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, now }) => ok(await course.courseOverview(rt.db, principal.userId, now)),
  }),
  route({
    ...programme.module,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params }) =>
      ok(await course.moduleDetail(rt.db, principal.userId, params.moduleId)),
  }),
  route({
    ...programme.startModule,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, now }) =>
      ok(await course.startModule(rt.db, principal.userId, params.moduleId, now)),
  }),
  route({
    ...programme.moveTo,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, body, now }) =>
      ok(await course.moveTo(rt.db, principal.userId, params.moduleId, body, now)),
  }),
  route({
    ...programme.saveAnswers,
    auth: EMPLOYEE,
    maxBodyBytes: 64 * 1024,
    handle: async ({ rt, principal, params, body, now }) =>
      ok(
        await course.saveExerciseAnswers(rt.db, principal.userId, params.moduleId, params.sectionId, body.answers, now),
      ),
  }),
  route({
    ...programme.completeModule,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, now }) =>
      ok(await course.completeModule(rt.db, principal.userId, params.moduleId, now)),
  }),
  route({
    ...programme.calendar,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, query, now }) => {
      const module = moduleById(params.moduleId);
      if (!module) throw notFound('There is no module with this name.');
      const discreet = query.discreet === '1' || (await getPrefs(rt.db, principal.userId))?.discreet === true;
      const ics = focusTimeEvent({
        start: new Date(query.start),
        minutes: module.minutes,
        url: discreet ? undefined : `${rt.config.appUrl}/#/`,
        uidSeed: `${principal.userId}|${module.id}`,
        now,
      });
      return {
        status: 200,
        text: ics,
        contentType: 'text/calendar; charset=utf-8',
        headers: { 'content-disposition': 'attachment; filename="focus-time.ics"' },
      };
    },
  }),

  // ---- library (content only: no database read) ----
  route({
    ...programme.library,
    auth: EMPLOYEE,
    handle: async () => ok(course.library()),
  }),

  // ---- diaries ----
  route({
    ...programme.diary,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) => ok({ entries: await diary.listEntries(rt.db, principal.userId) }),
  }),
  route({
    ...programme.createDiary,
    auth: EMPLOYEE,
    maxBodyBytes: 32 * 1024,
    handle: async ({ rt, principal, body, now }) => {
      const result = await diary.createEntry(rt.db, principal.userId, body.entryId, body.entry, now);
      return result.created ? created(result.entry) : ok(result.entry);
    },
  }),
  route({
    ...programme.diaryEntry,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params }) => ok(await diary.getEntry(rt.db, principal.userId, params.entryId)),
  }),
  route({
    ...programme.updateDiary,
    auth: EMPLOYEE,
    maxBodyBytes: 32 * 1024,
    handle: async ({ rt, principal, params, body, now }) =>
      ok(await diary.updateEntry(rt.db, principal.userId, params.entryId, body.entry, body.version, now)),
  }),
  route({
    ...programme.deleteDiary,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params }) => {
      await diary.deleteEntry(rt.db, principal.userId, params.entryId);
      return noContent();
    },
  }),

  // ---- questionnaires ----
  route({
    ...programme.questionnaires,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) =>
      ok({
        definitions: questionnaires.listDefinitions(),
        history: await questionnaires.history(rt.db, principal.userId),
      }),
  }),
  route({
    ...programme.submitQuestionnaire,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, body, now }) =>
      ok(
        await questionnaires.submit(
          rt.db,
          principal.userId,
          { questionnaireId: params.questionnaireId, responseId: body.responseId, answers: body.answers },
          await crisisResourcesForPerson(rt, principal.userId),
          now,
        ),
      ),
  }),

  // ---- first run (what to expect, goals; the rest of it uses the other contexts' own routes) ----
  route({
    ...programme.welcome,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) => ok(welcomeView(await repo.getWelcome(rt.db, principal.userId))),
  }),
  route({
    ...programme.saveWelcome,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, body, now }) =>
      ok(welcomeView(await repo.saveWelcome(rt.db, principal.userId, body, now))),
  }),

  // ---- parked thoughts (back-to-work step) ----
  route({
    ...programme.parked,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) =>
      ok({ thoughts: (await repo.listParked(rt.db, principal.userId)).sort(repo.parkedOrder) }),
  }),
  route({
    ...programme.park,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, body, now }) => {
      const item = { thoughtId: body.thoughtId, text: body.text, createdAt: now.toISOString() };
      return (await repo.parkThought(rt.db, principal.userId, item)) ? created(item) : ok(item);
    },
  }),
  route({
    ...programme.markParked,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params, body, now }) => {
      const item = await repo.markParked(rt.db, principal.userId, params.thoughtId, body.done, now);
      if (!item) throw notFound('There is no parked thought with this id (it may have been deleted).');
      return ok(item);
    },
  }),
  route({
    ...programme.deleteParked,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, params }) => {
      await repo.deleteParked(rt.db, principal.userId, params.thoughtId);
      return noContent();
    },
  }),
];

export const handler = httpHandler(routes);
