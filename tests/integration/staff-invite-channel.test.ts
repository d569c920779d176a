// The distinguishing game through the real stack (issue 13): two worlds on fresh stacks, W0 and W1, run the same
// script with the clock pinned and the same invite token; they differ only in whether the target (an address HR has
// invited as a manager) also has an employee account: in W1 the target joins through the ordinary invite link, uses
// Respite, and later deletes that account; in W0 the target never has one. Between the steps the target's line
// manager sends a team message that includes the target's address, and a month of statistics is released. After
// every step, every GET route HR or a manager can reach (collected from the real route tables) must answer the same
// in both worlds, byte for byte (released figures are compared with their noised values masked: the noise is drawn
// afresh in each world, and whether each figure is shown is the unit game's business, tests/unit/stats-game.test.ts);
// so must HR's and the manager's own writes (statuses, bodies, errors) and every email either of them receives.
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import type { Route } from '../../functions/shared/http.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const captured: Route[] = [];
vi.mock('../../functions/shared/http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/shared/http.js')>();
  return {
    ...actual,
    httpHandler: (routes: Route[]) => {
      captured.push(...routes);
      return actual.httpHandler(routes);
    },
  };
});

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;
const TARGET = 'target.person@example.org';
const OTHER_MANAGER = 'known.manager@northwind.example';
const INVITE_TOKEN = 'fixedInviteToken_0123456789';
const PINNED = '2026-11-20T10:00:00.000Z';
/** After November ends: the release job's last complete month is 2026-11. */
const RELEASE_AT = '2026-12-01T03:00:00.000Z';
const HR = 'hr@northwind.example';

interface World {
  stack: TestStack;
  hr: ApiClient;
  manager: ApiClient;
  targetEmployee?: ApiClient;
  /** Every email HR and the known manager received in this world (the local SES store is shared by both stacks). */
  mails: string[];
  /** Values that differ between any two stacks and say nothing about the target (port, seed time, own ids). */
  noise: [RegExp | string, string][];
}
const worlds: World[] = [];
let staffGets: Route[] = [];

function samplePath(r: Route): string {
  return r.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const field = (r.params as unknown as { shape?: Record<string, { options?: string[] }> } | undefined)?.shape?.[
      name
    ];
    if (field?.options?.length) return field.options[0]!;
    if (name === 'departmentId') return 'warehouse';
    return 'probe_0123456789';
  });
}

/** Query strings the staff reads need to get past validation (others are sent without one). */
const QUERY_SAMPLES: Record<string, string[]> = {
  '/api/stats/dashboard': ['?kind=month', '?kind=week', '?kind=half', '?kind=month&format=csv'],
  '/api/stats/releases': ['?kind=month'],
  '/api/stats/departments': [
    '?kind=month&period=2026-11&metric=new_enrolments',
    '?kind=month&period=2026-11&metric=enrolled&format=csv',
  ],
};

/** Everything HR and a manager can read, as text: status, the headers that carry meaning, and body, per route. */
async function view(w: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of staffGets) {
    const who =
      r.auth !== 'public' && r.auth.includes('hr_admin') ? (['hr', w.hr] as const) : (['manager', w.manager] as const);
    for (const query of QUERY_SAMPLES[r.path] ?? ['']) {
      const res = await who[1].get(samplePath(r) + query);
      const headers = ['content-type', 'etag', 'content-disposition']
        .map((h) => `${h}: ${res.headers.get(h) ?? '-'}`)
        .join('; ');
      out[`${who[0]} GET ${r.path}${query}`] = maskReleasedNoise(normalise(w, `${res.status} ${headers} ${res.text}`));
    }
  }
  return out;
}

/**
 * Replaces each released, noised figure by "#" (and the range derived from it in the CSV): what remains — which
 * figures exist, their labels, periods, order, states' shape, budget status, ETags — must not depend on the target.
 */
function maskReleasedNoise(text: string): string {
  return (
    text
      .replace(/"display":"(?:\d+|fewer than 10)","value":(?:\d+|null)/g, '"display":"#","value":"#"')
      .replace(/"state":"(?:shown|fewer_than_10|suppressed)"/g, '"state":"#"')
      // the 90% range and its words follow from the noised value
      .replace(
        /"range":(?:null|\{"low":\d+,"high":\d+\}),"words":"(?:fewer than 10|about \d+ — somewhere between \d+ and \d+)"/g,
        '"range":"#","words":"#"',
      )
      .replace(/,(?:\d+|fewer than 10)(?:,\d*,\d*)?\r\n/g, ',#\r\n')
  );
}

/** The ids of the emails HR and the manager have now (both worlds' stacks write to one local SES store). */
const staffMailIds = async (stack: TestStack) =>
  new Set((await Promise.all([HR, OTHER_MANAGER].map((to) => stack.inbox(to)))).flat().map((m) => m.messageId));

/**
 * Runs `f` (in one world only: the worlds take turns) and adds what reached HR's and the manager's inboxes meanwhile
 * to `w.mails`: recipient, sender, subject and text, with one-time codes and links masked.
 */
async function capturingMail<T>(w: Pick<World, 'stack' | 'mails'> & Partial<World>, f: () => Promise<T>): Promise<T> {
  const before = await staffMailIds(w.stack);
  const out = await f();
  for (const to of [HR, OTHER_MANAGER])
    for (const m of await w.stack.inbox(to))
      if (!before.has(m.messageId))
        w.mails.push(
          `${to} ← ${m.from} | ${m.subject} | ${(m.body.text ?? '').replace(/\b\d{6}\b/g, '<code>').replace(/#\/verify\?\S+/g, '#/verify?<link>')}`,
        );
  return out;
}

/**
 * Removes only what differs between two fresh stacks whatever the target does: the local server's port (and the QR
 * images of the invite URL, which is compared as text next to them), the real time the seed ran at (the clock is
 * pinned afterwards), and HR's and the known manager's own ids and email hashes (per-stack secrets).
 */
function normalise(w: Pick<World, 'noise'>, text: string): string {
  let out = text;
  for (const [from, to] of w.noise) out = out.split(from as string).join(to);
  return out
    .replace(/"(svg|png)":"(?:[^"\\]|\\.)*"/g, '"$1":"<image of inviteUrl>"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, (iso) =>
      [PINNED, RELEASE_AT].some((t) => iso.startsWith(t.slice(0, 10))) ? iso : '<seed time>',
    );
}

async function ownIds(c: ApiClient): Promise<string[]> {
  const profile = (await c.get('/api/my-data/export')).body.sections[0].records[0] as Record<string, unknown>;
  return [profile.userId, profile.id, profile.emailHash].filter(
    (v): v is string => typeof v === 'string' && v.length >= 8,
  );
}

async function startWorld(): Promise<World> {
  const stack = await startTestStack({ tenants: [demoTenant()] });
  const w = { stack, mails: [] as string[] };
  return capturingMail(w, async () => {
    await stack.clock({ at: PINNED });
    await stack.db('demo').put({ ...keys.orgInvite(), token: INVITE_TOKEN, rotatedAt: PINNED });
    const hr = await stack.signIn(HR);
    expect((await hr.post('/api/account/staff-invites', { email: OTHER_MANAGER, role: 'manager' })).status).toBe(202);
    const manager = await stack.signIn(OTHER_MANAGER);
    expect((await manager.get('/api/account/me')).body.role).toBe('manager');
    const origin = new URL(stack.client().baseUrl).origin;
    const noise: [string, string][] = [[origin, 'http://respite.local']];
    for (const [who, c] of [
      ['hr', hr],
      ['manager', manager],
    ] as const)
      for (const [i, v] of (await ownIds(c)).entries()) noise.push([v, `<${who} id ${i}>`]);
    return { ...w, hr, manager, noise };
  });
}

/** Runs `step` in each world (index 1 is W1) and returns the step's answers, both views and both inboxes. */
async function both(
  step: (w: World, index: number) => Promise<string | undefined>,
): Promise<{ answers: (string | undefined)[]; views: Record<string, string>[]; inboxes: string[][] }> {
  const answers = [];
  for (const [i, w] of worlds.entries()) answers.push(await capturingMail(w, () => step(w, i)));
  return {
    answers,
    views: await Promise.all(worlds.map(view)),
    inboxes: worlds.map((w) => w.mails.map((m) => normalise(w, m))),
  };
}

/** The views are really read (signed in, routes found): most routes answer 200, none 401 or 5xx. */
function expectRealViews(v: Record<string, string>) {
  const statuses = Object.values(v).map((t) => Number(t.slice(0, 3)));
  expect(statuses.filter((s) => s === 401 || s >= 500)).toEqual([]);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(Math.ceil(statuses.length * 0.6));
}

beforeAll(async () => {
  for (const dir of readdirSync(FUNCTIONS_DIR)) {
    const file = `${FUNCTIONS_DIR}${dir}/http.ts`;
    if (existsSync(file)) await import(/* @vite-ignore */ pathToFileURL(file).href);
  }
  staffGets = captured.filter(
    (r) => r.method === 'GET' && r.auth !== 'public' && (r.auth.includes('hr_admin') || r.auth.includes('manager')),
  );
  worlds.push(await startWorld(), await startWorld());
}, 180_000);
afterAll(async () => Promise.all(worlds.map((w) => w.stack.stop())));

describe('HR and managers cannot tell whether an invited address has an employee account', () => {
  it('covers every HR and manager read, managers included', () => {
    expect(staffGets.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/employer/managers', '/api/employer/endorsements', '/api/stats/dashboard']),
    );
  });

  it('before anything: the two worlds look the same', async () => {
    const { views } = await both(async () => undefined);
    expect(views[1]).toEqual(views[0]);
  });

  it('HR invites the target as a manager: same answer, same view', async () => {
    const { answers, views } = await both(async (w) => {
      const res = await w.hr.post('/api/account/staff-invites', { email: TARGET, role: 'manager' });
      return `${res.status} ${res.text}`;
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(views[1]).toEqual(views[0]);
    expect(views[0]!['hr GET /api/employer/managers']).toContain('"metric":"managers"');
  });

  it('W1 only: the target joins through the employee invite link and becomes an employee, not a manager', async () => {
    const { views } = await both(async (w, i) => {
      if (i !== 1) return;
      w.targetEmployee = await w.stack.signIn(TARGET, { inviteToken: INVITE_TOKEN });
      expect((await w.targetEmployee.get('/api/account/me')).body.role).toBe('employee');
    });
    expect(views[1]).toEqual(views[0]);
    expect(views[1]!['hr GET /api/employer/managers']).toContain('"metric":"managers"');
  });

  it('W1 only: the target uses Respite (finishes a module, signs in again): same view, same emails', async () => {
    const { views, inboxes } = await both(async (w, i) => {
      if (i !== 1) return;
      const c = w.targetEmployee!;
      const course = (await c.get('/api/programme/course')).body as { modules: { id: string }[] };
      expect((await c.post(`/api/programme/modules/${course.modules[0]!.id}/start`)).status).toBeLessThan(300);
      expect((await c.post(`/api/programme/modules/${course.modules[0]!.id}/complete`)).status).toBeLessThan(300);
      await w.stack.signIn(TARGET, { inviteToken: INVITE_TOKEN });
    });
    expect(views[1]).toEqual(views[0]);
    expect(inboxes[1]).toEqual(inboxes[0]);
    expectRealViews(views[0]!);
  });

  it("the target's line manager sends a team message that includes the target's address: same answers, views and emails", async () => {
    const team = [TARGET, 'colleague.one@example.org', 'colleague.two@example.org'].join('\n');
    const draft = {
      subject: "It's OK to take time for this at work",
      message: 'Respite is there for all of us. Take the time in work hours if it helps.',
      addresses: team,
    };
    const { answers, views, inboxes } = await both(async (w) => {
      const preview = await w.manager.post('/api/employer/endorsements/preview', draft);
      const sent = await w.manager.post('/api/employer/endorsements', { ...draft, batchId: 'game-batch-000000001' });
      const again = await w.manager.post('/api/employer/endorsements', { ...draft, batchId: 'game-batch-000000001' });
      const changed = await w.manager.post('/api/employer/endorsements', {
        ...draft,
        message: `${draft.message} Changed.`,
        batchId: 'game-batch-000000001',
      });
      const bad = await w.manager.post('/api/employer/endorsements', {
        ...draft,
        addresses: `${TARGET}\nnot an address`,
        batchId: 'game-batch-000000002',
      });
      await w.stack.queue('email', 'drain');
      return [preview, sent, again, changed, bad].map((r) => normalise(w, `${r.status} ${r.text}`)).join('\n');
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toMatch(/^200 .*\n200 .*"sent":3.*\n200 .*\n409 .*\n422 /s);
    expect(views[1]).toEqual(views[0]);
    expect(views[0]!['manager GET /api/employer/endorsements']).toContain('"messagesSent":3');
    expect(inboxes[1]).toEqual(inboxes[0]);
  });

  it('a month is released between the steps: every HR and manager view is the same outside the released noise', async () => {
    const { answers, views, inboxes } = await both(async (w) => {
      await w.stack.clock({ at: RELEASE_AT });
      const outcomes = await w.stack.runJob('stats-release', { scheduledTime: RELEASE_AT }, 'demo');
      // sessions have timed out over the gap (in both worlds alike): sign in again to read what HR and the manager see
      w.hr = await w.stack.signIn(HR);
      w.manager = await w.stack.signIn(OTHER_MANAGER);
      return JSON.stringify(outcomes);
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toContain('"month:2026-11":"released"');
    // HR's and the manager's sign-in codes are among the emails compared (the mail capture sees something)
    expect(inboxes[0]!.filter((m) => m.includes('Your Respite sign-in')).length).toBeGreaterThanOrEqual(4);
    expect(views[1]).toEqual(views[0]);
    expectRealViews(views[0]!);
    expect(views[0]!['hr GET /api/stats/dashboard?kind=month']).toContain('2026-11');
    expect(inboxes[1]).toEqual(inboxes[0]);
  });

  it('the target takes up the staff invitation on the sign-in page: a manager in both worlds, same view', async () => {
    const { answers, views } = await both(async (w) => {
      const asManager = await w.stack.signIn(TARGET);
      return (await asManager.get('/api/account/me')).body.role;
    });
    expect(answers).toEqual(['manager', 'manager']);
    expect(views[1]).toEqual(views[0]);
    expectRealViews(views[0]!);
    expect(views[0]!['hr GET /api/employer/managers']).toContain('"metric":"managers"');
  });

  it('W1 only: the employee account is deleted; HR re-invites the address: same answers, same view, same emails', async () => {
    const { answers, views, inboxes } = await both(async (w, i) => {
      if (i === 1) {
        w.targetEmployee = await w.stack.signIn(TARGET, { inviteToken: INVITE_TOKEN }); // its session timed out over the release gap
        expect((await w.targetEmployee.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
      }
      const res = await w.hr.post('/api/account/staff-invites', { email: TARGET, role: 'manager' });
      return `${res.status} ${res.text}`;
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(views[1]).toEqual(views[0]);
    expect(inboxes[1]).toEqual(inboxes[0]);
  });

  it('the checker can fail: a difference HR could see (a department renamed in one world only) is caught', async () => {
    const { views } = await both(async (w, i) => {
      if (i === 1)
        expect((await w.hr.patch('/api/employer/departments/finance', { name: 'Finance and Payroll' })).status).toBe(
          200,
        );
    });
    expect(views[1]).not.toEqual(views[0]);
  });
});
