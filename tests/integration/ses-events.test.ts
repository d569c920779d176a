// SES events on the local stack: POST /_local/ses-event publishes a bounce, complaint, reject or delay for an address
// through the same queue and consumer as in AWS. A hard bounce or a complaint suppresses the address for every kind
// of email from then on; soft bounces, rejects and delays change nothing; and nothing a manager or HR sees differs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { keys } from '../../functions/domain/keys.js';
import { month } from '../../functions/domain/stats/counters.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let hr: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  hr = await stack.signIn('hr@northwind.example');
  manager = await stack.signIn('manager@northwind.example');
});
afterAll(async () => stack?.stop());

const sesEvent = async (address: string, type: string) => {
  const res = await fetch(`${stack.url}/_local/ses-event`, {
    method: 'POST',
    body: JSON.stringify({ tenant: 'demo', address, type }),
  });
  return { status: res.status, body: (await res.json()) as { ok?: boolean; pending?: number; dlq?: number } };
};

const endorse = (batch: string, addresses: string[]) =>
  manager.post('/api/employer/endorsements', {
    batchId: `batch-${batch}-abcdefghij`,
    subject: 'A note about Respite',
    message: 'It is fine to use Respite during work hours. Take the time you need.',
    addresses: addresses.join('\n'),
  });

async function settle() {
  await stack.queue('email-demo', 'drain');
  await new Promise((r) => setTimeout(r, 300));
}

describe('SES events through the local queue', () => {
  it('a hard bounce and a complaint suppress the address; soft bounce, reject and delay do not; the manager and HR see the same', async () => {
    const run = Date.now().toString(36);
    const who = (name: string) => `${name}.${run}@team.example`;
    for (const [name, type] of [
      ['bounced', 'bounce'],
      ['complained', 'complaint'],
      ['soft', 'soft-bounce'],
      ['rejected', 'reject'],
      ['delayed', 'delay'],
    ] as const) {
      const res = await sesEvent(who(name), type);
      expect(res.status, type).toBe(200);
      expect(res.body).toMatchObject({ ok: true, pending: 0, dlq: 0 });
    }
    // HR's line-manager figures are monthly, from the endorsements_sent counter: it counts every address sent to.
    const sentThisMonth = async () =>
      (
        await stack
          .db('demo')
          .get(keys.counter(month(new Date()), 'endorsements_sent', '_all'), z.object({ value: z.number() }), {
            consistent: true,
          })
      )?.value ?? 0;
    const hrBefore = (await hr.get('/api/employer/managers')).text;
    const counterBefore = await sentThisMonth();

    const names = ['bounced', 'complained', 'soft', 'rejected', 'delayed', 'fine'];
    const sent = await endorse(`a${run}`.slice(0, 8).padEnd(8, '0'), names.map(who));
    expect(sent.status).toBe(200);
    await settle();
    const received = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, (await stack.inbox(who(n))).length] as const)),
    );
    expect(received).toEqual({ bounced: 0, complained: 0, soft: 1, rejected: 1, delayed: 1, fine: 1 });

    // The manager's answer and HR's figures are what they would be had every address been fine.
    const control = await endorse(
      `b${run}`.slice(0, 8).padEnd(8, '0'),
      names.map((n) => `${n}.control.${run}@team.example`),
    );
    const strip = (b: Record<string, unknown>) => ({ ...b, sentAt: undefined, batchId: undefined });
    expect(strip(sent.body)).toEqual(strip(control.body));
    expect((await sentThisMonth()) - counterBefore).toBe(2 * names.length);
    expect((await hr.get('/api/employer/managers')).text).toBe(hrBefore);
  });

  it('a hard bounce also stops sign-in codes and staff invitations, with the same answers as ever', async () => {
    const run = Date.now().toString(36);
    const bounced = `gone.${run}@example.org`;
    const fine = `here.${run}@example.org`;
    await sesEvent(bounced, 'bounce');
    await sesEvent(`boss.${bounced}`, 'bounce');
    const inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
    const [a, b] = [
      await stack.client().post('/api/account/sign-in', { email: bounced, inviteToken }),
      await stack.client().post('/api/account/sign-in', { email: fine, inviteToken }),
    ];
    expect(a.status).toBe(202);
    expect(a.text).toBe(b.text);
    const [c, d] = [
      await hr.post('/api/account/staff-invites', { email: `boss.${bounced}`, role: 'manager' }),
      await hr.post('/api/account/staff-invites', { email: `boss.${fine}`, role: 'manager' }),
    ];
    expect(c.text).toBe(d.text);
    expect(await stack.inbox(bounced)).toHaveLength(0);
    expect(await stack.inbox(`boss.${bounced}`)).toHaveLength(0);
    expect(await stack.inbox(fine)).toHaveLength(1);
    expect(await stack.inbox(`boss.${fine}`)).toHaveLength(1);
  });

  it('refuses a malformed control request with a 400 that says what to send', async () => {
    for (const body of [
      { tenant: 'demo', address: 'a@b.example', type: 'explode' },
      { tenant: 'nowhere', address: 'a@b.example', type: 'bounce' },
      { tenant: 'demo', type: 'bounce' },
    ]) {
      const res = await fetch(`${stack.url}/_local/ses-event`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(
        '"type": one of bounce, soft-bounce, complaint, reject, delay',
      );
    }
  });
});
