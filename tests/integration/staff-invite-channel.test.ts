// Staff-invite side channel (issue 13, defect 1): a distinguishing game. Two worlds on fresh stacks, W0 and W1, run
// the same script with the clock pinned and the same invite token; they differ only in whether the target (an address
// HR has invited as a manager) also joins as an employee through the ordinary invite link, and later deletes that
// employee account. After every step, every GET route HR or a manager can reach (collected from the real route
// tables) must answer byte for byte the same in both worlds, and so must HR's own writes (the staff invitation).
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Route } from '../../functions/shared/http.js';
import { keys } from '../../functions/domain/keys.js';
import { demoTenant, startTestStack, type ApiClient, type TestStack } from '../support/stack.js';

const captured: Route[] = [];
vi.mock('../../functions/shared/http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/shared/http.js')>();
  return { ...actual, httpHandler: (routes: Route[]) => (captured.push(...routes), actual.httpHandler(routes)) };
});

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;
const TARGET = 'target.person@example.org';
const OTHER_MANAGER = 'known.manager@northwind.example';
const INVITE_TOKEN = 'fixedInviteToken_0123456789';
const PINNED = '2026-11-20T10:00:00.000Z';

interface World {
  stack: TestStack;
  hr: ApiClient;
  manager: ApiClient;
  targetEmployee?: ApiClient;
  /** Values that differ between any two stacks and say nothing about the target (port, seed time, own ids). */
  noise: [RegExp | string, string][];
}
const worlds: World[] = [];
let staffGets: Route[] = [];

function samplePath(r: Route): string {
  return r.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const field = (r.params as unknown as { shape?: Record<string, { options?: string[] }> } | undefined)?.shape?.[name];
    if (field?.options?.length) return field.options[0]!;
    if (name === 'departmentId') return 'warehouse';
    return 'probe_0123456789';
  });
}

/** Everything HR and a manager can read, as text: status and body, per route. */
async function view(w: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of staffGets) {
    const who = r.auth !== 'public' && r.auth.includes('hr_admin') ? ['hr', w.hr] as const : ['manager', w.manager] as const;
    const res = await who[1].get(samplePath(r));
    out[`${who[0]} GET ${r.path}`] = normalise(w, `${res.status} ${res.text}`);
  }
  return out;
}

/**
 * Removes only what differs between two fresh stacks whatever the target does: the local server's port (and the QR
 * images of the invite URL, which is compared as text next to them), the real time the seed ran at (the clock is
 * pinned afterwards), and HR's and the known manager's own ids and email hashes (per-stack secrets).
 */
function normalise(w: World, text: string): string {
  let out = text;
  for (const [from, to] of w.noise) out = out.split(from as string).join(to);
  return out
    .replace(/"(svg|png)":"(?:[^"\\]|\\.)*"/g, '"$1":"<image of inviteUrl>"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, (iso) => (iso.startsWith(PINNED.slice(0, 10)) ? iso : '<seed time>'));
}

async function ownIds(c: ApiClient): Promise<string[]> {
  const profile = (await c.get('/api/my-data/export')).body.sections[0].records[0] as Record<string, unknown>;
  return [profile.userId, profile.id, profile.emailHash].filter((v): v is string => typeof v === 'string' && v.length >= 8);
}

async function startWorld(): Promise<World> {
  const stack = await startTestStack({ tenants: [demoTenant()] });
  await stack.clock({ at: PINNED });
  await stack.db('demo').put({ ...keys.orgInvite(), token: INVITE_TOKEN, rotatedAt: PINNED });
  const hr = await stack.signIn('hr@northwind.example');
  expect((await hr.post('/api/account/staff-invites', { email: OTHER_MANAGER, role: 'manager' })).status).toBe(202);
  const manager = await stack.signIn(OTHER_MANAGER);
  expect((await manager.get('/api/account/me')).body.role).toBe('manager');
  const origin = new URL(stack.client().baseUrl).origin;
  const noise: [string, string][] = [[origin, 'http://respite.local']];
  for (const [who, c] of [['hr', hr], ['manager', manager]] as const) for (const [i, v] of (await ownIds(c)).entries()) noise.push([v, `<${who} id ${i}>`]);
  return { stack, hr, manager, noise };
}

/** Runs `step` in both worlds (W1 gets `w1Only` too) and returns both views. */
async function both(step: (w: World, index: number) => Promise<string | void>): Promise<{ answers: (string | void)[]; views: Record<string, string>[] }> {
  const answers = [];
  for (const [i, w] of worlds.entries()) answers.push(await step(w, i));
  return { answers, views: await Promise.all(worlds.map(view)) };
}

beforeAll(async () => {
  for (const dir of readdirSync(FUNCTIONS_DIR)) {
    const file = `${FUNCTIONS_DIR}${dir}/http.ts`;
    if (existsSync(file)) await import(/* @vite-ignore */ pathToFileURL(file).href);
  }
  staffGets = captured.filter((r) => r.method === 'GET' && r.auth !== 'public' && (r.auth.includes('hr_admin') || r.auth.includes('manager')));
  worlds.push(await startWorld(), await startWorld());
}, 180_000);
afterAll(async () => Promise.all(worlds.map((w) => w.stack.stop())));

describe('HR and managers cannot tell whether an invited address has an employee account', () => {
  it('covers every HR and manager read, managers included', () => {
    expect(staffGets.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/employer/managers', '/api/employer/endorsements', '/api/stats/dashboard']));
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
    expect(views[0]!['hr GET /api/employer/managers']).toContain('"display":"fewer than 10"');
  });

  it('W1 only: the target joins through the employee invite link and becomes an employee, not a manager', async () => {
    const { views } = await both(async (w, i) => {
      if (i !== 1) return;
      w.targetEmployee = await w.stack.signIn(TARGET, { inviteToken: INVITE_TOKEN });
      expect((await w.targetEmployee.get('/api/account/me')).body.role).toBe('employee');
    });
    expect(views[1]).toEqual(views[0]);
    expect(views[1]!['hr GET /api/employer/managers']).toContain('"display":"fewer than 10"');
  });

  it('the target takes up the staff invitation on the sign-in page: a manager in both worlds, same view', async () => {
    const { answers, views } = await both(async (w) => {
      const asManager = await w.stack.signIn(TARGET);
      return (await asManager.get('/api/account/me')).body.role;
    });
    expect(answers).toEqual(['manager', 'manager']);
    expect(views[1]).toEqual(views[0]);
    expect(views[0]!['hr GET /api/employer/managers']).toContain('"display":"fewer than 10"');
  });

  it('W1 only: the employee account is deleted; HR re-invites the address: same answers, same view', async () => {
    const { answers, views } = await both(async (w, i) => {
      if (i === 1) {
        expect((await w.targetEmployee!.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
      }
      const res = await w.hr.post('/api/account/staff-invites', { email: TARGET, role: 'manager' });
      return `${res.status} ${res.text}`;
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(views[1]).toEqual(views[0]);
  });
});
