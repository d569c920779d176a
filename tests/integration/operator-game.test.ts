// The distinguishing game for what the platform operator sees (issue 15), on the model of
// staff-invite-channel.test.ts: two worlds on fresh stacks, W0 and W1, run the same script with the clock pinned and
// the same invite token. They differ only in the target: in W1 the target has an employee account, writes to a coach
// (an urgent message, so a safety alert too), gets a reply and finally deletes the account; in W0 the target never
// has one. Two other people write in both worlds, so every count stays under 5. After every step, every GET route the
// operator can reach (collected from the real route tables) must answer the same in both worlds, byte for byte; so
// must the operator's own writes — including adding the target's address to the coach roster.
//
// What the operator may see, decided here and in docs/privacy.md: counts are aggregates and may differ by activity,
// but a count under 5 is shown as null in both worlds, so one person's activity changes no byte while the service is
// small; the last step shows that once counts reach 5 the difference is confined to the numbers themselves.
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
const OPERATOR = 'operator@respite.example';
const COACH = 'coach@respite.example';
const TARGET = 'target.person@example.org';
const INVITE_TOKEN = 'fixedInviteToken_0123456789';
/** A Wednesday morning in London: coaching hours, outside quiet hours. */
const PINNED = '2027-03-10T10:00:00.000Z';

interface World {
  stack: TestStack;
  operator: ApiClient;
  coach: ApiClient;
  target?: ApiClient;
  /** Values that differ between any two stacks and say nothing about the target (port, the operator's own ids). */
  noise: [string, string][];
}
const worlds: World[] = [];
let operatorGets: Route[] = [];
let seq = 0;

/** Everything the operator can read, as text: status, content type and body, per route. */
async function view(w: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of operatorGets) {
    const res = await w.operator.get(r.path);
    out[`GET ${r.path}`] = normalise(w, `${res.status} ${res.headers.get('content-type') ?? '-'} ${res.text}`);
  }
  return out;
}

function normalise(w: World, text: string): string {
  let out = text;
  for (const [from, to] of w.noise) out = out.split(from).join(to);
  return out;
}

async function ownIds(c: ApiClient): Promise<string[]> {
  const profile = (await c.get('/api/my-data/export')).body.sections[0].records[0] as Record<string, unknown>;
  return [profile.userId, profile.id, profile.emailHash].filter(
    (v): v is string => typeof v === 'string' && v.length >= 8,
  );
}

async function startWorld(): Promise<World> {
  const stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [OPERATOR] })] });
  await stack.clock({ at: PINNED });
  await stack.db('demo').put({ ...keys.orgInvite(), token: INVITE_TOKEN, rotatedAt: PINNED });
  const operator = await stack.signIn(OPERATOR);
  const coach = await stack.signIn(COACH);
  const noise: [string, string][] = [[new URL(stack.client().baseUrl).origin, 'http://respite.local']];
  for (const [i, v] of (await ownIds(operator)).entries()) noise.push([v, `<operator id ${i}>`]);
  // two other people write in both worlds: the service is small, every count stays under 5
  for (const name of ['ola', 'ian']) {
    const c = await stack.signIn(`${name}.game@example.org`, { inviteToken: INVITE_TOKEN });
    expect((await c.post('/api/coaching/messages', { id: `background-${name}`, text: 'Hello.' })).status).toBe(201);
  }
  return { stack, operator, coach, noise };
}

/**
 * Runs `step` in each world (index 1 is W1) and returns its answers and both operator views, which must be real
 * (every read answers 200: signed in, routes found), so that equal views mean something.
 */
async function both(step: (w: World, index: number) => Promise<string | undefined>) {
  const answers: (string | undefined)[] = [];
  for (const [i, w] of worlds.entries()) answers.push(await step(w, i));
  const views = await Promise.all(worlds.map(view));
  for (const v of views) expect(Object.values(v).filter((t) => !t.startsWith('200 '))).toEqual([]);
  return { answers, views };
}

const inW1 = async (i: number, f: () => Promise<unknown>) => {
  if (i === 1) await f();
  return undefined;
};

beforeAll(async () => {
  for (const dir of readdirSync(FUNCTIONS_DIR)) {
    const file = `${FUNCTIONS_DIR}${dir}/http.ts`;
    if (existsSync(file)) await import(/* @vite-ignore */ pathToFileURL(file).href);
  }
  operatorGets = captured.filter((r) => r.method === 'GET' && r.auth !== 'public' && r.auth.includes('operator'));
  worlds.push(await startWorld(), await startWorld());
}, 180_000);
afterAll(async () => Promise.all(worlds.map((w) => w.stack.stop())));

describe('the operator cannot tell whether a person has an account or wrote to a coach', () => {
  it('covers every operator read', () => {
    expect(operatorGets.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/coaching/operator/service', '/api/coaching/operator/health', '/api/account/me']),
    );
    expect(operatorGets.every((r) => !r.path.includes(':'))).toBe(true); // no parameters to sample
  });

  it('the views are real, and equal before anything differs', async () => {
    const { views } = await both(async () => undefined);
    expect(views[0]!['GET /api/coaching/operator/health']).toContain('"openThreads":null');
    expect(views[1]).toEqual(views[0]);
  });

  it('the target joins (W1 only): nothing the operator sees changes', async () => {
    const { views } = await both((w, i) =>
      inW1(i, async () => {
        w.target = await w.stack.signIn(TARGET, { inviteToken: INVITE_TOKEN });
      }),
    );
    expect(views[1]).toEqual(views[0]);
  });

  it('the target writes an urgent message and shares nothing else (W1 only); alerts go out; views stay equal', async () => {
    const { views } = await both(async (w, i) => {
      await inW1(i, () =>
        w.target!.post('/api/coaching/messages', {
          id: 'target-message-1',
          text: 'I need to talk today.',
          urgent: true,
        }),
      );
      await w.stack.runJob('coaching-alerts', { scheduledTime: '2027-03-10T10:05:00Z' }, 'demo');
      return undefined;
    });
    expect(views[1]).toEqual(views[0]);
  });

  it('the coach replies to the target and time passes until threads are overdue; views stay equal', async () => {
    const { views } = await both(async (w, i) => {
      await inW1(i, async () => {
        const inbox = (await w.coach.get('/api/coaching/inbox')).body;
        const urgent = inbox.waiting.find((t: { urgent: boolean }) => t.urgent);
        expect(
          (
            await w.coach.post(`/api/coaching/threads/${urgent.threadId}/messages`, {
              id: `reply-000${seq++}`,
              text: 'Hi.',
            })
          ).status,
        ).toBe(201);
      });
      // Friday afternoon: the others' threads are overdue. Staff sessions time out, so both sign in again.
      await w.stack.clock({ at: '2027-03-12T16:00:00.000Z' });
      w.operator = await w.stack.signIn(OPERATOR);
      w.coach = await w.stack.signIn(COACH);
      return undefined;
    });
    expect(views[1]).toEqual(views[0]);
  });

  it('the operator adds the target’s address to the coach roster: the same answers in both worlds', async () => {
    const { answers, views } = await both(async (w) => {
      const res = await w.operator.put('/api/coaching/operator/roster', {
        expectedVersion: 0,
        coaches: [{ email: COACH }, { email: TARGET }],
      });
      return normalise(w, `${res.status} ${res.text}`);
    });
    expect(answers[0]).toMatch(/^200 /);
    expect(answers[1]).toEqual(answers[0]);
    expect(views[1]).toEqual(views[0]);
  });

  it('the target deletes their account (W1 only): views stay equal', async () => {
    const { views } = await both((w, i) =>
      inW1(i, async () => {
        expect((await w.target!.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
      }),
    );
    expect(views[1]).toEqual(views[0]);
  });

  it('once counts reach 5 they are shown, and the worlds then differ only in the numbers', async () => {
    await stack0and1AddWriters(3);
    const [v0, v1] = await Promise.all(worlds.map(view));
    const text0 = v0!['GET /api/coaching/operator/health']!;
    const health0 = JSON.parse(text0.slice(text0.indexOf('{')));
    expect(health0.openThreads).toBe(5);
    const digitsMasked = (v: Record<string, string>) =>
      Object.fromEntries(Object.entries(v).map(([k, t]) => [k, t.replace(/":(\d+|null)/g, '":#')]));
    expect(digitsMasked(v1!)).toEqual(digitsMasked(v0!));
  });
});

/** Three more people write in both worlds (the same in each). */
async function stack0and1AddWriters(n: number) {
  for (const w of worlds)
    for (let k = 0; k < n; k++) {
      const c = await w.stack.signIn(`more${k}.game@example.org`, { inviteToken: INVITE_TOKEN });
      expect((await c.post('/api/coaching/messages', { id: `more-writer-${k}`, text: 'Hello.' })).status).toBe(201);
    }
}
