// The programme API end to end through the local API server and DynamoDB Local: course progress and resume,
// exercise autosave, diaries with optimistic versioning, questionnaires with the PHQ-9 item 9 safety path,
// idempotent uptake counters, the library and the .ics download (parsed with ical.js).

import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { LIBRARY } from '../../functions/domain/programme/content/index.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;
let sam: ApiClient;

const P = '/api/programme';
const M1 = MODULES[0]!;
const exercise = M1.sections.find((s) => s.kind === 'exercise')!;

async function counter(period: string, metric: string, dept = '_all'): Promise<number> {
  return rawTable(stack.db('demo')).number(keys.counter(period, metric, dept));
}

beforeAll(async () => {
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
  sam = await stack.signIn('sam.programme@example.org', { inviteToken, departmentId: 'warehouse' });
});
afterAll(async () => stack?.stop());

describe('course and progress', () => {
  it('shows every module with its time estimate, all to do, and module 1 as next', async () => {
    const res = await sam.get(`${P}/course`);
    expect(res.status).toBe(200);
    expect(res.body.modules).toHaveLength(MODULES.length);
    expect(res.body.modules[0]).toMatchObject({
      id: M1.id,
      minutes: M1.minutes,
      status: 'not_started',
      doneSections: 0,
    });
    expect(res.body.next).toMatchObject({ moduleId: M1.id, number: 1 });
    expect(res.body.resume).toBeNull();
    expect(res.body.pace).toMatchObject({ weeks: 8, week: null, completed: 0 });
  });

  it('starting twice (double click, retry) counts one module start', async () => {
    const before = await counter('all', 'module_starts');
    const beforeDept = await counter('all', 'module_starts', 'warehouse');
    const a = await sam.post(`${P}/modules/${M1.id}/start`);
    const b = await sam.post(`${P}/modules/${M1.id}/start`);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body).toMatchObject({ status: 'in_progress', sectionId: M1.sections[0]!.id });
    expect(await counter('all', 'module_starts')).toBe(before + 1);
    expect(await counter('all', 'module_starts', 'warehouse')).toBe(beforeDept + 1);
  });

  it('resumes exactly where the person left off, with their saved answers', async () => {
    const moved = await sam.put(`${P}/modules/${M1.id}/position`, {
      sectionId: exercise.id,
      doneSectionId: M1.sections[0]!.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ sectionId: exercise.id, doneSections: 1 });

    const partial = { 'first-sign': 'My jaw gets tight', triggers: ['Late emails'] };
    const saved = await sam.put(`${P}/modules/${M1.id}/sections/${exercise.id}/answers`, { answers: partial });
    expect(saved.status).toBe(200);

    const overview = await sam.get(`${P}/course`);
    expect(overview.body.resume).toEqual({ moduleId: M1.id, sectionId: exercise.id });
    expect(overview.body.pace.week).toBe(1);

    const detail = await sam.get(`${P}/modules/${M1.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.module.id).toBe(M1.id);
    expect(detail.body.progress.sectionId).toBe(exercise.id);
    expect(detail.body.answers[exercise.id].answers).toEqual(partial);
    expect(detail.body.backToWork.groundings.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad answers with a 422 naming the field, and keeps the last good save', async () => {
    const bad = await sam.put(`${P}/modules/${M1.id}/sections/${exercise.id}/answers`, {
      answers: { 'stress-this-week': 11, nonsense: 'x' },
    });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('body.answers.stress-this-week');
    expect(fields.some((f: string) => f.includes('nonsense') || f === 'body.answers')).toBe(true);
    const unknownSection = await sam.put(`${P}/modules/${M1.id}/position`, { sectionId: 'not-a-section' });
    expect(unknownSection.status).toBe(422);
    expect(unknownSection.body.error.fields[0].field).toBe('body.sectionId');
    expect((await sam.get(`${P}/modules/no-such-module`)).status).toBe(404);
    const detail = await sam.get(`${P}/modules/${M1.id}`);
    expect(detail.body.answers[exercise.id].answers['first-sign']).toBe('My jaw gets tight');
  });

  it('completing twice counts one completion and one completer; progress shows it done', async () => {
    const before = {
      completions: await counter('all', 'module_completions'),
      completers: await counter('all', 'module_completers'),
    };
    const a = await sam.post(`${P}/modules/${M1.id}/complete`);
    const b = await sam.post(`${P}/modules/${M1.id}/complete`);
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('completed');
    expect(b.body).toEqual(a.body);
    expect(await counter('all', 'module_completions')).toBe(before.completions + 1);
    expect(await counter('all', 'module_completers')).toBe(before.completers + 1);
    const overview = await sam.get(`${P}/course`);
    expect(overview.body.modules[0].status).toBe('completed');
    expect(overview.body.pace.completed).toBe(1);
    expect(overview.body.next?.moduleId ?? null).not.toBe(M1.id);
  });

  it('is for employees only', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    expect((await hr.get(`${P}/course`)).status).toBe(403);
    expect((await stack.client().get(`${P}/course`)).status).toBe(401);
  });
});

describe('diaries', () => {
  const stressEntry = {
    kind: 'stress',
    situation: 'Team meeting ran over',
    stress: 7,
    bodyAndFeelings: 'Tight chest',
    whatHelped: 'A short walk',
  };
  const thoughtEntry = {
    kind: 'thought',
    situation: 'Manager did not reply',
    automaticThought: 'I must have done something wrong',
    emotion: 'Worried',
    intensityBefore: 80,
    evidenceFor: 'She is usually quick',
    evidenceAgainst: 'She is on leave today',
    balancedThought: 'She is away; it is not about me',
    intensityAfter: 30,
  };

  it('creates both kinds; a retried create returns the same entry and makes no duplicate', async () => {
    const a = await sam.post(`${P}/diary`, { entryId: 'entry-stress-0001', entry: stressEntry });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ entryId: 'entry-stress-0001', version: 1, entry: stressEntry });
    const retry = await sam.post(`${P}/diary`, { entryId: 'entry-stress-0001', entry: stressEntry });
    expect(retry.status).toBe(200);
    expect(retry.body.createdAt).toBe(a.body.createdAt);
    const t = await sam.post(`${P}/diary`, { entryId: 'entry-thought-0001', entry: thoughtEntry });
    expect(t.status).toBe(201);
    const list = await sam.get(`${P}/diary`);
    expect(list.body.entries.map((e: { entryId: string }) => e.entryId).sort()).toEqual([
      'entry-stress-0001',
      'entry-thought-0001',
    ]);
  });

  it('refuses bad entries naming each field', async () => {
    const res = await sam.post(`${P}/diary`, {
      entryId: 'entry-bad-00001',
      entry: { kind: 'stress', situation: '', stress: 12, extra: 1 },
    });
    expect(res.status).toBe(422);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.entry.situation', 'body.entry.stress']));
    const kind = await sam.post(`${P}/diary`, { entryId: 'entry-bad-00002', entry: { kind: 'dream' } });
    expect(kind.status).toBe(422);
    expect((await sam.post(`${P}/diary`, { entryId: 'x', entry: stressEntry })).body.error.fields[0].field).toBe(
      'body.entryId',
    );
  });

  it('editing the same entry from two tabs: the second save gets a 409 and nothing is silently dropped', async () => {
    const tab1 = (await sam.get(`${P}/diary/entry-thought-0001`)).body;
    const tab2 = (await sam.get(`${P}/diary/entry-thought-0001`)).body;
    const first = await sam.put(`${P}/diary/entry-thought-0001`, {
      entry: { ...tab1.entry, balancedThought: 'From tab one' },
      version: tab1.version,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await sam.put(`${P}/diary/entry-thought-0001`, {
      entry: { ...tab2.entry, balancedThought: 'From tab two' },
      version: tab2.version,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('version_conflict');
    expect(second.body.error.message).toMatch(/another tab or device/);
    expect((await sam.get(`${P}/diary/entry-thought-0001`)).body.entry.balancedThought).toBe('From tab one');
  });

  it('deletes (twice is fine) and diary entries are private to their owner', async () => {
    const other = await stack.signIn('other.person@example.org', { inviteToken });
    expect((await other.get(`${P}/diary/entry-stress-0001`)).status).toBe(404);
    expect((await other.get(`${P}/diary`)).body.entries).toEqual([]);
    expect((await sam.delete(`${P}/diary/entry-stress-0001`)).status).toBe(204);
    expect((await sam.delete(`${P}/diary/entry-stress-0001`)).status).toBe(204);
    expect((await sam.get(`${P}/diary/entry-stress-0001`)).status).toBe(404);
  });
});

describe('questionnaires', () => {
  it('lists the four definitions and an empty history', async () => {
    const res = await sam.get(`${P}/questionnaires`);
    expect(res.body.definitions.map((d: { id: string }) => d.id)).toEqual(['pss10', 'phq9', 'gad7', 'who5']);
    expect(res.body.history.pss10).toEqual([]);
  });

  it('an incomplete form is not scored: 422 naming the missing items, nothing stored or counted', async () => {
    const before = await counter('all', 'questionnaire_completions');
    const res = await sam.post(`${P}/questionnaires/gad7/responses`, {
      responseId: 'resp-incomplete-1',
      answers: [1, 1, null, 1, 1],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'body.answers.2',
      'body.answers.5',
      'body.answers.6',
    ]);
    expect(await counter('all', 'questionnaire_completions')).toBe(before);
    expect((await sam.get(`${P}/questionnaires`)).body.history.gad7).toEqual([]);
    expect(
      (await sam.post(`${P}/questionnaires/phq10/responses`, { responseId: 'resp-incomplete-2', answers: [] })).status,
    ).toBe(422);
  });

  it('scores by the published rules and counts one completion per submission, retries included', async () => {
    const before = await counter('all', 'questionnaire_completions');
    const pss = await sam.post(`${P}/questionnaires/pss10/responses`, {
      responseId: 'resp-pss-0001',
      answers: [2, 3, 3, 1, 1, 2, 2, 1, 3, 2],
    });
    expect(pss.status).toBe(200);
    expect(pss.body.response).toMatchObject({ score: 26, band: { label: 'Middle range' } });
    expect(pss.body.safety).toEqual({ show: false, crisisResources: [] });
    const retry = await sam.post(`${P}/questionnaires/pss10/responses`, {
      responseId: 'resp-pss-0001',
      answers: [2, 3, 3, 1, 1, 2, 2, 1, 3, 2],
    });
    expect(retry.body.response).toEqual(pss.body.response);
    const who = await sam.post(`${P}/questionnaires/who5/responses`, {
      responseId: 'resp-who-0001',
      answers: [3, 3, 3, 2, 2],
    });
    expect(who.body.response.score).toBe(52);
    expect(await counter('all', 'questionnaire_completions')).toBe(before + 2);
  });

  it('PHQ-9 item 9 above 0 returns the crisis resources with the result, every time; counters ignore answers', async () => {
    const before = await counter('all', 'questionnaire_completions');
    const improvedBefore = await counter('all', 'questionnaire_improved');
    for (const [i, answers] of [
      [0, [0, 0, 0, 0, 0, 0, 0, 0, 1]],
      [1, [3, 3, 3, 3, 3, 3, 3, 3, 3]],
    ] as const) {
      const res = await sam.post(`${P}/questionnaires/phq9/responses`, { responseId: `resp-phq-safe-${i}`, answers });
      expect(res.status).toBe(200);
      expect(res.body.safety.show).toBe(true);
      expect(res.body.safety.crisisResources.map((r: { contact: string }) => r.contact)).toEqual([
        '999',
        '111, then option 2',
        '116 123',
        'Text SHOUT to 85258',
      ]);
    }
    const calm = await sam.post(`${P}/questionnaires/phq9/responses`, {
      responseId: 'resp-phq-calm-0',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(calm.body.safety.show).toBe(false);
    expect(await counter('all', 'questionnaire_completions')).toBe(before + 3);
    // PHQ-9 never feeds "improved" even though the third score is far lower than the second
    expect(await counter('all', 'questionnaire_improved')).toBe(improvedBefore);
    const history = (await sam.get(`${P}/questionnaires`)).body.history.phq9;
    expect(history.map((h: { score: number }) => h.score)).toEqual([1, 27, 0]);
    expect(history[1].safetyConcern).toBe(true);
  });

  it('counts a person once per period when a later PSS-10 score improves on their first', async () => {
    const before = await counter('all', 'questionnaire_improved');
    await sam.post(`${P}/questionnaires/pss10/responses`, {
      responseId: 'resp-pss-0002',
      answers: [1, 1, 1, 3, 3, 1, 3, 3, 1, 1],
    });
    await sam.post(`${P}/questionnaires/pss10/responses`, {
      responseId: 'resp-pss-0003',
      answers: [0, 0, 0, 4, 4, 0, 4, 4, 0, 0],
    });
    expect(await counter('all', 'questionnaire_improved')).toBe(before + 1);
  });
});

describe('library, parked thoughts and calendar', () => {
  it('serves the whole library with its tags', async () => {
    const res = await sam.get(`${P}/library`);
    expect(res.body.items).toHaveLength(LIBRARY.length);
    expect(
      res.body.items.filter((i: { minutes: number; tags: { atDesk: boolean } }) => i.tags.atDesk && i.minutes <= 5)
        .length,
    ).toBeGreaterThan(3);
  });

  it('first run: goals from the offered list are stored, finishing is idempotent, and both are in the data export', async () => {
    const pat = await stack.signIn('pat.firstrun@example.org', { inviteToken });
    const fresh = await pat.get(`${P}/welcome`);
    expect(fresh.body).toMatchObject({ finished: false, goals: [] });
    expect(fresh.body.options.length).toBeGreaterThan(3);
    const [a, b] = fresh.body.options.map((o: { id: string }) => o.id);
    const notOffered = await pat.put(`${P}/welcome`, { goals: [a, 'be-happier'], finished: false });
    expect(notOffered.status).toBe(422);
    expect(notOffered.body.error.fields[0].field).toMatch(/^body\.goals/);
    const twice = await pat.put(`${P}/welcome`, { goals: [a, a], finished: false });
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields[0].field).toBe('body.goals');
    expect((await pat.put(`${P}/welcome`, { goals: [a], finished: 'yes' })).body.error.fields[0].field).toBe(
      'body.finished',
    );

    expect((await pat.put(`${P}/welcome`, { goals: [a, b], finished: false })).body).toMatchObject({
      finished: false,
      goals: [a, b],
    });
    expect((await pat.put(`${P}/welcome`, { goals: [b], finished: true })).body).toMatchObject({
      finished: true,
      goals: [b],
    });
    expect((await pat.put(`${P}/welcome`, { goals: [b], finished: true })).body).toMatchObject({
      finished: true,
      goals: [b],
    });
    const exported = (await pat.get('/api/my-data/export')).body;
    const section = exported.sections.find((x: { id: string }) => x.id === 'welcome');
    expect(section.records).toHaveLength(1);
    expect(section.records[0]).toMatchObject({ goals: [b] });
    expect(section.records[0].finishedAt).toMatch(/^\d{4}-/);
  });

  it('parks a thought once and lets the person clear it', async () => {
    expect((await sam.post(`${P}/parked`, { thoughtId: 'parked-0001', text: 'Ring the dentist' })).status).toBe(201);
    expect((await sam.post(`${P}/parked`, { thoughtId: 'parked-0001', text: 'Ring the dentist' })).status).toBe(200);
    expect((await sam.get(`${P}/parked`)).body.thoughts.map((t: { text: string }) => t.text)).toEqual([
      'Ring the dentist',
    ]);
    expect((await sam.delete(`${P}/parked/parked-0001`)).status).toBe(204);
    expect((await sam.delete(`${P}/parked/parked-0001`)).status).toBe(204); // deleting again is not an error
    expect((await sam.get(`${P}/parked`)).body.thoughts).toEqual([]);
  });

  it('marks parked thoughts done and not done (idempotently), lists waiting ones first, and refuses bad input', async () => {
    for (const [id, text] of [
      ['parked-a001', 'Call the bank'],
      ['parked-a002', 'Book the car in'],
      ['parked-a003', 'Reply to Sam'],
    ])
      expect((await sam.post(`${P}/parked`, { thoughtId: id, text })).status).toBe(201);
    const done = await sam.put(`${P}/parked/parked-a001`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ thoughtId: 'parked-a001', text: 'Call the bank' });
    expect(done.body.doneAt).toMatch(/^\d{4}-/);
    expect(done.body.pk).toBeUndefined();
    const again = await sam.put(`${P}/parked/parked-a001`, { done: true });
    expect(again.body.doneAt).toBe(done.body.doneAt); // the first time it was done stays
    const list = (await sam.get(`${P}/parked`)).body.thoughts as { thoughtId: string; doneAt?: string }[];
    expect(list.map((t) => t.thoughtId)).toEqual(['parked-a003', 'parked-a002', 'parked-a001']);
    const undone = await sam.put(`${P}/parked/parked-a001`, { done: false });
    expect(undone.status).toBe(200);
    expect(undone.body.doneAt).toBeUndefined();
    expect((await sam.put(`${P}/parked/parked-a001`, { done: false })).status).toBe(200);

    expect((await sam.put(`${P}/parked/parked-zzzz`, { done: true })).status).toBe(404);
    expect((await sam.put(`${P}/parked/parked-zzzz`, { done: false })).status).toBe(404);
    const bad = await sam.put(`${P}/parked/parked-a001`, { done: 'yes' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('body.done');
    expect((await sam.put(`${P}/parked/no`, { done: true })).body.error.fields[0].field).toBe('path.thoughtId');
    expect((await sam.post(`${P}/parked`, { thoughtId: 'parked-a004', text: '   ' })).body.error.fields[0].field).toBe(
      'body.text',
    );
    expect((await sam.post(`${P}/parked`, { thoughtId: 'parked-a004', text: 'x'.repeat(1001) })).status).toBe(422);

    // Another person cannot see or change them.
    const other = await stack.signIn('kim.parked@example.org', { inviteToken });
    expect((await other.get(`${P}/parked`)).body.thoughts).toEqual([]);
    expect((await other.put(`${P}/parked/parked-a002`, { done: true })).status).toBe(404);
    for (const id of ['parked-a001', 'parked-a002', 'parked-a003']) await sam.delete(`${P}/parked/${id}`);
  });

  it('downloads a valid iCalendar event with a neutral title lasting the module estimate', async () => {
    const res = await sam.get(
      `${P}/modules/${M1.id}/calendar.ics?start=${encodeURIComponent('2026-11-30T09:00:00.000Z')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const cal = new ICAL.Component(ICAL.parse(res.text));
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe('Focus time');
    expect(event.uid).toMatch(/^[0-9a-f]{32}$/); // a bare hash: no "@respite.app" or any other domain
    expect(vevent.getFirstPropertyValue('url')).toBe(`${stack.tenantUrl('demo')}/#/`);
    expect(res.text).not.toMatch(/respite/i);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect((event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000).toBe(M1.minutes);
    expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(res.text).not.toMatch(/stress/i);
    const bad = await sam.get(`${P}/modules/${M1.id}/calendar.ics?start=tomorrow`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('query.start');
    const badFlag = await sam.get(
      `${P}/modules/${M1.id}/calendar.ics?start=${encodeURIComponent('2026-11-30T09:00:00.000Z')}&discreet=yes`,
    );
    expect(badFlag.status).toBe(422);
    expect(badFlag.body.error.fields[0].field).toBe('query.discreet');
  });

  it('in discreet mode (this device, or the account) the event carries no link to the app', async () => {
    const start = encodeURIComponent('2026-11-30T09:00:00.000Z');
    const hasUrl = (ics: string) =>
      !!new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('url');
    const device = await sam.get(`${P}/modules/${M1.id}/calendar.ics?start=${start}&discreet=1`);
    expect(device.status).toBe(200);
    expect(hasUrl(device.text)).toBe(false);
    expect(device.text).not.toContain(stack.tenantUrl('demo'));

    const alex = await stack.signIn('alex.discreet.ics@example.org', { inviteToken });
    expect(hasUrl((await alex.get(`${P}/modules/${M1.id}/calendar.ics?start=${start}`)).text)).toBe(true);
    expect((await alex.put('/api/reminders/discreet', { on: true })).body).toEqual({ on: true });
    const account = await alex.get(`${P}/modules/${M1.id}/calendar.ics?start=${start}`);
    expect(hasUrl(account.text)).toBe(false);
    expect(account.text).not.toMatch(/respite|localhost/i);
  });
});
