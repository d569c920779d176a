// After a hard bounce or a spam complaint (SES events through the local queue and consumer, as in AWS) every email to
// the address stops. The person, and only the person, is told on their reminders page why nothing arrives, and can
// ask for email again; a later bounce stops it again. HR and managers see nothing of it (ses-events-e2e.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;

const sesEvent = async (address: string, type: string) => {
  const res = await fetch(`${stack.url}/_local/ses-event`, {
    method: 'POST',
    body: JSON.stringify({ tenant: 'demo', address, type }),
  });
  expect(res.status, type).toBe(200);
};
const deliveryOf = async (c: ApiClient) => (await c.get('/api/reminders/delivery')).body.delivery as string;

beforeAll(async () => {
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => stack?.stop());

describe('delivery status on the reminders page', () => {
  it.each([
    ['complaint', 'complained'],
    ['bounce', 'bounced'],
  ] as const)(
    'a %s shows as "%s"; asking for email again sends again (idempotent); another bounce stops it again',
    async (type, shown) => {
      const email = `delivery.${type}@example.org`;
      const person = await stack.signIn(email, { inviteToken });
      expect(await deliveryOf(person)).toBe('ok');

      await sesEvent(email, type);
      expect(await deliveryOf(person)).toBe(shown);
      const before = (await stack.inbox(email)).length;
      expect((await stack.client().post('/api/account/sign-in', { email })).status).toBe(202);
      expect((await stack.inbox(email)).length).toBe(before); // nothing goes out, not even a sign-in code

      const resumed = await person.post('/api/reminders/resume-delivery');
      expect(resumed.status).toBe(200);
      expect(resumed.body.delivery).toBe('ok');
      expect((await person.post('/api/reminders/resume-delivery')).body.delivery).toBe('ok');
      expect((await stack.client().post('/api/account/sign-in', { email })).status).toBe(202);
      await expect.poll(async () => (await stack.inbox(email)).length).toBe(before + 1);

      await sesEvent(email, 'bounce');
      expect(await deliveryOf(person)).toBe('bounced');
    },
  );

  it('only the person can ask for email again: HR and coaches are refused, and nobody signed out gets in', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const coach = await stack.signIn('coach@respite.example');
    expect((await hr.post('/api/reminders/resume-delivery')).status).toBe(403);
    expect((await coach.post('/api/reminders/resume-delivery')).status).toBe(403);
    expect((await stack.client().post('/api/reminders/resume-delivery')).status).toBe(401);
  });
});
