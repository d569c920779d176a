// Join and sign in, end to end through the local API server, DynamoDB Local and the local SES inbox.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { latestCode, latestLink, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  const link = await hr.get('/api/account/invite-link');
  expect(link.status).toBe(200);
  inviteToken = link.body.token;
});
afterAll(async () => stack?.stop());

describe('joining from the invite link', () => {
  it('shows the organisation, its permission statement and departments for a valid link', async () => {
    const res = await stack.client().get(`/api/account/join/${inviteToken}`);
    expect(res.status).toBe(200);
    expect(res.body.orgName).toBe('Northwind Logistics');
    expect(res.body.permissionStatement.text).toMatch(/30 minutes a week/);
    expect(res.body.departments.map((d: { id: string }) => d.id)).toContain('warehouse');
    expect(res.body.crisisResources.map((r: { contact: string }) => r.contact)).toContain('116 123');
  });

  it('emails a 6-digit code and a link, and the code signs the person in once', async () => {
    const email = 'sam.personal@example.org';
    const c = stack.client();
    const res = await c.post('/api/account/sign-in', { email, inviteToken, departmentId: 'warehouse' });
    expect(res.status).toBe(202);
    const mails = await stack.inbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your Respite sign-in');
    expect(mails[0]!.body.html).toContain('<!doctype html>');
    const code = latestCode(mails)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(latestLink(mails)).toContain('#/verify?k=');

    const ok = await c.post('/api/account/verify', { email, code });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('employee');
    const cookie = ok.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^rs_demo=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const me = await c.get('/api/account/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'employee', email, departmentId: 'warehouse' });

    // single use: the same code again is refused
    const again = await stack.client().post('/api/account/verify', { email, code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_code');
  });

  it('the emailed link signs in too, once', async () => {
    const email = 'link.user@example.org';
    const c = stack.client();
    await c.post('/api/account/sign-in', { email, inviteToken });
    const link = new URL(latestLink(await stack.inbox(email))!.replace('#/verify?', 'verify?'));
    const body = { k: link.searchParams.get('k'), t: link.searchParams.get('t') };
    const ok = await c.post('/api/account/verify-link', body);
    expect(ok.status).toBe(200);
    expect((await c.get('/api/account/me')).body.email).toBe(email);
    expect((await stack.client().post('/api/account/verify-link', body)).status).toBe(400);
  });

  it('joining twice (double click, retry) never creates two accounts and counts one enrolment', async () => {
    const email = 'twice@example.org';
    const db = stack.db('demo');
    const enrolled = async () => rawTable(db).number(keys.counter('all', 'new_enrolments', '_all'));
    const countBefore = await enrolled();
    const first = stack.client();
    await first.post('/api/account/sign-in', { email, inviteToken });
    await first.post('/api/account/verify', { email, code: latestCode(await stack.inbox(email))! });
    const userA = (await first.get('/api/account/me')).body;
    const second = stack.client();
    await second.post('/api/account/sign-in', { email: ' Twice@Example.org ', inviteToken });
    await second.post('/api/account/verify', { email, code: latestCode(await stack.inbox(email))! });
    const userB = (await second.get('/api/account/me')).body;
    expect(userB.joinedAt).toBe(userA.joinedAt);
    expect(await enrolled()).toBe(countBefore + 1);
  });

  it('answers identically whether or not an account exists (no enumeration)', async () => {
    const known = await stack.client().post('/api/account/sign-in', { email: 'twice@example.org' });
    const unknown = await stack.client().post('/api/account/sign-in', { email: 'nobody-here@example.org' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
    // the unknown address gets a note (only its owner can read it), and no code
    const mails = await stack.inbox('nobody-here@example.org');
    expect(mails).toHaveLength(1);
    expect(latestCode(mails)).toBeUndefined();
    // ...which a mail log cannot tell from a code email: same sender, subject and size
    const codeMail = (await stack.inbox('twice@example.org')).at(-1)!;
    expect(latestCode([codeMail])).toMatch(/^\d{6}$/);
    const logView = (m: (typeof mails)[number]) => ({
      from: m.from,
      subject: m.subject,
      htmlBytes: Buffer.byteLength(m.body.html ?? ''),
      textBytes: Buffer.byteLength(m.body.text ?? ''),
    });
    expect(logView(mails[0]!)).toEqual(logView(codeMail));
    expect(mails[0]!.body.text).toContain('This address has no Respite account yet');
    // verifying a code for it fails exactly like a wrong code for a real account
    const a = await stack.client().post('/api/account/verify', { email: 'nobody-here@example.org', code: '123456' });
    const b = await stack.client().post('/api/account/verify', { email: 'twice@example.org', code: '000000' });
    expect(a.status).toBe(400);
    expect(a.text).toBe(b.text);
  });

  it('a rotated invite link stops working and the new one works; a retried rotation changes nothing', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const before = (await hr.get('/api/account/invite-link')).body.token;
    const rotated = await hr.post('/api/account/invite-link/rotate', { currentToken: before });
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(before);
    const retried = await hr.post('/api/account/invite-link/rotate', { currentToken: before });
    expect(retried.body.token).toBe(rotated.body.token);
    expect((await stack.client().get(`/api/account/join/${before}`)).status).toBe(404);
    expect(
      (await stack.client().post('/api/account/sign-in', { email: 'late@example.org', inviteToken: before })).status,
    ).toBe(404);
    expect((await stack.client().get(`/api/account/join/${rotated.body.token}`)).status).toBe(200);
    inviteToken = rotated.body.token;
  });
});

describe('codes', () => {
  it('are stored hashed, expire within 10 minutes and allow at most 5 attempts', async () => {
    const email = 'attempts@example.org';
    const c = stack.client();
    await c.post('/api/account/sign-in', { email, inviteToken });
    const code = latestCode(await stack.inbox(email))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await c.post('/api/account/verify', { email, code: wrong })).status).toBe(400);
    // the right code no longer works after 5 wrong attempts
    expect((await c.post('/api/account/verify', { email, code })).status).toBe(400);

    await c.post('/api/account/sign-in', { email, inviteToken });
    const fresh = latestCode(await stack.inbox(email))!;
    await stack.clock({ advanceMs: 10 * 60_000 + 1_000 });
    try {
      expect((await c.post('/api/account/verify', { email, code: fresh })).status).toBe(400);
    } finally {
      await stack.clock({ advanceMs: -(10 * 60_000 + 1_000) });
    }
  });

  it('never keeps the code in the table, nor the email in any key', async () => {
    const email = 'hashing@example.org';
    await stack.client().post('/api/account/sign-in', { email, inviteToken });
    const code = latestCode(await stack.inbox(email))!;
    const db = stack.db('demo');
    // Tests may Scan to inspect everything; the functions never do.
    const all = await rawTable(db).scan();
    for (const item of all) {
      for (const k of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'])
        expect(String(item[k] ?? '')).not.toContain('@');
      expect(JSON.stringify(item)).not.toContain(`"${code}"`);
    }
  });

  it('rate-limits sends per address', async () => {
    const email = 'ratelimit@example.org';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await stack.client().post('/api/account/sign-in', { email, inviteToken })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
