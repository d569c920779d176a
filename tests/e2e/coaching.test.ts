// Coach messaging in Chromium: an employee writes (with an XSS payload) and shares a diary entry; the coach sees
// both in the console and replies from a template; the employee gets a content-free email and sees the reply; the
// overdue flag appears once 8 coaching hours have passed. The home card shows when a reply is expected and the unread
// reply; the coach inbox shows new, due-by and overdue; the coach keeps a private note. The coach's content-free alert
// comes on the next tick of the alerts job; a safety share reaches the lead coach at once; a message on Friday evening
// is due on Monday. axe on every page, phone width for the employee.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let employeeApi: ApiClient;
let coachApi: ApiClient;

let invite: string;
/** How far the stack's clock is ahead of this process's (it runs on from WEDNESDAY_10). */
let offsetMs = 0;
const stackNow = () => new Date(Date.now() + offsetMs);
async function moveClock(toIso: string) {
  const by = Date.parse(toIso) - stackNow().getTime();
  await stack.clock({ advanceMs: by });
  offsetMs += by;
}

/** The emails to `to` after the first `before`, waiting up to 10 s for `count` of them (the queue poller sends). */
async function mailsFor(to: string, before: number, count = 1) {
  let mails = (await stack.inbox(to)).slice(before);
  for (let i = 0; i < 50 && mails.length < count; i++) {
    await new Promise((r) => setTimeout(r, 200));
    mails = (await stack.inbox(to)).slice(before);
  }
  return mails;
}
/** An alert names nothing but the conversation's code and a link: no address, no words, no score. */
function expectContentFree(mail: unknown, forbidden: string[]) {
  const all = JSON.stringify(mail);
  for (const f of forbidden) expect(all).not.toContain(f);
  expect(all).not.toMatch(/PHQ|score|item 9|self-harm|diary/i);
}
const COACH = 'coach@respite.example';

const EMPLOYEE = 'sam.e2e@example.org';
const LEAD = 'lead.e2e@respite.example';
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

/** Opens the app with the session of an API client that signed in through the real code flow. */
async function deviceFor(
  client: ApiClient,
  opts: { phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const device = await newDevice(browser, opts);
  const url = new URL(stack.tenantUrl('demo'));
  await device.context.addCookies(
    [...client.cookies].map(([name, value]) => ({
      name,
      value,
      domain: url.hostname,
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict' as const,
    })),
  );
  return device;
}

/** Reply deadlines count coaching hours (Mon–Fri 09:00–17:00 London, 8 working hours): run from a Wednesday 10:00. */
const WEDNESDAY_10 = '2027-03-10T10:00:00Z';

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant({
        coachEmails: ['coach@respite.example', LEAD],
        coaching: { ...demoTenant().coaching, leadCoachEmails: [LEAD] },
      }),
    ],
  });
  offsetMs = Date.parse(WEDNESDAY_10) - Date.now();
  await stack.clock({ advanceMs: offsetMs });
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  employeeApi = await stack.signIn(EMPLOYEE, { inviteToken: invite });
  coachApi = await stack.signIn('coach@respite.example');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('coach messaging (browser)', () => {
  it('employee writes and shares a diary entry; coach replies; employee is notified without content and reads the reply', async () => {
    const diary = await employeeApi.post('/api/programme/diary', {
      entryId: 'e2e-diary-entry-1',
      entry: {
        kind: 'stress',
        situation: 'Double shift before the audit',
        stress: 8,
        whatHelped: 'Tea with a colleague',
      },
    });
    expect(diary.status).toBe(201);

    // ---- employee, on a phone ----
    const emp = await deviceFor(employeeApi, { phone: true });
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/messages`);
    await waitForHeading(emp.page, 'Messages');
    await emp.page.getByRole('main').getByText('within 24 hours, Monday to Friday').waitFor();
    await expectNoAxeViolations(emp.page, 'employee messages (empty)');
    await emp.page.getByLabel('Your message').fill(`I have been struggling with the shifts. ${XSS}`);
    await emp.page.getByRole('main').getByText('characters left').first().waitFor();
    await emp.page.getByRole('button', { name: 'Send message' }).click();
    await emp.page.getByRole('main').getByText('I have been struggling with the shifts.').waitFor();
    // the payload shows as text and never runs
    await emp.page.getByRole('main').getByText('<script>window.__pwned=1</script>', { exact: false }).waitFor();
    expect(await emp.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await emp.page.locator('.msg img').count()).toBe(0);

    await emp.page.getByLabel('Choose something to share').selectOption('diary~e2e-diary-entry-1');
    await emp.page.getByRole('button', { name: 'Share with my coach' }).click();
    await emp.page.getByRole('heading', { name: 'What you are sharing' }).waitFor();
    await emp.page.getByRole('main').getByText('Double shift before the audit').waitFor();
    // the reply is due 8 coaching hours later: Thursday 10:00
    await emp.page
      .getByRole('main')
      .getByText(/Expect one by Thursday 10:0\d/)
      .waitFor();
    await expectNoAxeViolations(emp.page, 'employee messages (with message and share)');
    await emp.page.screenshot({ path: '/tmp/coaching-employee.png', fullPage: true });
    // the home card says when to expect the reply
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/`);
    await emp.page
      .getByRole('main')
      .getByText(/You wrote to your coach\. Expect a reply by Thursday 10:0\d/)
      .waitFor();

    // ---- the coach's alert: on the next tick of the alerts job, one email, content-free ----
    const alertsBefore = (await stack.inbox(COACH)).length;
    await stack.runJob('coaching-alerts', { scheduledTime: stackNow().toISOString() }, 'demo');
    const alerts = await mailsFor(COACH, alertsBefore);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toMatch(/^A new message in conversation [A-Z0-9]{4}$/);
    expect(alerts[0]!.body.text).toContain('#/coach/threads/');
    expectContentFree(alerts[0], [EMPLOYEE, 'sam.e2e', 'struggling', 'shifts', 'Double shift', 'audit']);

    // ---- coach, on a desktop ----
    const coach = await deviceFor(coachApi);
    await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
    await waitForHeading(coach.page, 'Inbox');
    await coach.page.getByRole('heading', { name: 'Waiting for a reply (1)' }).waitFor();
    const row = coach.page.locator('.inbox li').first();
    await row.getByText('New', { exact: true }).waitFor();
    await row.getByText('Yours', { exact: true }).waitFor();
    await row.getByText(/^Reply due by Thu 11 Mar,? 10:0\d$/).waitFor();
    await expectNoAxeViolations(coach.page, 'coach inbox');
    await coach.page.screenshot({ path: '/tmp/coaching-inbox.png', fullPage: true });
    // the alert names the conversation the coach sees in the inbox
    expect(await coach.page.getByRole('link', { name: /^Conversation / }).textContent()).toContain(
      alerts[0]!.subject.slice(-4),
    );
    await coach.page.getByRole('link', { name: /^Conversation / }).click();
    await coach.page.getByRole('main').getByText('I have been struggling with the shifts.').waitFor();
    await coach.page.getByRole('main').getByText('Double shift before the audit').waitFor();
    expect(await coach.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await coach.page.getByText(EMPLOYEE).count()).toBe(0);
    await expectNoAxeViolations(coach.page, 'coach thread');

    await coach.page.getByLabel('Start from a template').selectOption('builtin-diary');
    await coach.page.getByRole('button', { name: 'Add template text' }).click();
    const reply = coach.page.getByLabel('Your reply');
    await reply.fill(`${await reply.inputValue()} the walk helped. Let us build on that.`);
    const before = (await stack.inbox(EMPLOYEE)).length;
    await coach.page.getByRole('button', { name: 'Send reply' }).click();
    await coach.page.getByRole('main').getByText('Reply sent.').waitFor(); // inside main: the polite live region repeats it

    // a private note for the team, shown in the thread view
    await coach.page.getByLabel('Kind of note').last().selectOption('follow_up');
    await coach.page.getByLabel('New note').fill(`Follow up about the audit week. ${XSS}`);
    await coach.page.getByRole('button', { name: 'Save note' }).click();
    const note = coach.page.getByRole('list', { name: 'Notes' }).locator('li').first();
    await note.getByText('Follow up about the audit week.', { exact: false }).waitFor();
    await note.getByText('Follow-up', { exact: true }).waitFor();
    expect(await coach.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectNoAxeViolations(coach.page, 'coach thread (with a note)');
    await coach.page.screenshot({ path: '/tmp/coaching-thread.png', fullPage: true });
    // opened, so no longer new in the inbox
    await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
    await coach.page.getByRole('heading', { name: 'Recently answered' }).waitFor();
    await coach.page.getByRole('link', { name: /^Conversation / }).waitFor();
    expect(await coach.page.locator('.flag--new').count()).toBe(0);

    // the email notice: there, once, with no content
    let mails = (await stack.inbox(EMPLOYEE)).slice(before);
    for (let i = 0; i < 50 && mails.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      mails = (await stack.inbox(EMPLOYEE)).slice(before);
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('You have a new message');
    expect(JSON.stringify(mails[0])).not.toMatch(/build on that|diary|shift|coach/i);

    // the home card shows the unread reply; opening it reads it and the marker goes
    await emp.page.reload();
    await emp.page.getByRole('main').getByText('New reply', { exact: true }).waitFor();
    // the navigation says so too, in words and in the link's name: on the phone under "More", on a desktop in the row
    const phoneNav = emp.page.getByRole('navigation', { name: 'Main' });
    await phoneNav.locator('summary', { hasText: '1 unread' }).click();
    await phoneNav.getByRole('link', { name: 'Messages, 1 unread', exact: true }).waitFor();
    await expectNoAxeViolations(emp.page, 'employee home (unread reply, menu open)');
    await emp.page.keyboard.press('Escape');
    const desk = await deviceFor(employeeApi);
    await desk.page.goto(`${stack.tenantUrl('demo')}/#/`);
    const deskNav = desk.page.getByRole('navigation', { name: 'Main' });
    await deskNav.getByRole('link', { name: 'Messages, 1 unread', exact: true }).waitFor();
    expect(await deskNav.getByText('1 unread', { exact: true }).isVisible()).toBe(true);
    await expectNoAxeViolations(desk.page, 'employee home on a desktop (unread reply)');
    await desk.page.screenshot({ path: '/tmp/coaching-nav-unread.png' });
    await expectNoAxeViolations(emp.page, 'employee home (unread reply)');
    await emp.page.screenshot({ path: '/tmp/coaching-home-unread.png', fullPage: true });
    await emp.page.getByRole('link', { name: 'Read the reply' }).click();
    await emp.page.getByRole('main').getByText('Let us build on that.').waitFor();
    await emp.page.getByRole('main').getByText('Your coach has replied.', { exact: false }).waitFor();
    // read: the marker leaves the navigation at once (on the desktop at its next page)
    const phoneSummary = emp.page.getByRole('navigation', { name: 'Main' }).locator('summary');
    await expect.poll(() => phoneSummary.textContent()).not.toContain('unread');
    await desk.page.goto(`${stack.tenantUrl('demo')}/#/course`);
    await desk.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Messages', exact: true })
      .waitFor();
    await desk.context.close();
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/`);
    await emp.page.getByRole('link', { name: 'Open messages' }).waitFor();
    expect(await emp.page.getByText('New reply', { exact: true }).count()).toBe(0);
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/messages`);
    await emp.page.getByRole('main').getByText('Let us build on that.').waitFor();
    // how proactive the coach is: the person's choice, which the check-in schedule follows
    const planned = emp.page.getByRole('radio', { name: /^Check-ins as planned/ });
    expect(await planned.isChecked()).toBe(true);
    await emp.page.getByRole('radio', { name: /^Only when I write/ }).click();
    await emp.page.getByRole('main').getByText('Saved. Your coach will follow this.').waitFor();
    await expect.poll(() => emp.page.getByRole('radio', { name: /^Only when I write/ }).isChecked()).toBe(true);
    await emp.page.getByRole('radio', { name: /^A weekly check-in/ }).click();
    await expect.poll(() => emp.page.getByRole('radio', { name: /^A weekly check-in/ }).isChecked()).toBe(true);
    expect((await employeeApi.get('/api/coaching/thread')).body.coachContact).toBe('weekly');
    await emp.page.getByRole('group', { name: 'Choose how proactive your coach should be' }).screenshot({
      path: '/tmp/coaching-contact-choice.png',
    });
    expect(await emp.page.getByRole('main').getByText('Your coach', { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(emp.page, 'employee messages (with reply)');
    await emp.context.close();
    await coach.context.close();
  });

  it('shows the overdue flag when someone has waited more than 24 hours', async () => {
    expect(
      (
        await employeeApi.post('/api/coaching/messages', {
          id: 'e2e-second-message',
          text: 'One more thing about Mondays.',
        })
      ).status,
    ).toBe(201);
    await stack.clock({ advanceMs: 25 * 3_600_000 });
    try {
      const lateCoach = await stack.signIn('coach@respite.example');
      const coach = await deviceFor(lateCoach);
      await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
      await waitForHeading(coach.page, 'Inbox');
      await coach.page.getByRole('main').getByText('Overdue', { exact: true }).waitFor();
      await coach.page
        .getByRole('main')
        .getByText(/Waiting 25 h/)
        .waitFor();
      await expectNoAxeViolations(coach.page, 'coach inbox (overdue)');
      await coach.page.screenshot({ path: '/tmp/coaching-overdue.png', fullPage: true });

      await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/check-ins`);
      await waitForHeading(coach.page, 'Check-ins');
      await coach.page.getByRole('button', { name: /Personalise check-in 2/ }).click();
      await coach.page.getByLabel('Check-in message').waitFor();
      await expectNoAxeViolations(coach.page, 'check-ins editor');
      await coach.page.screenshot({ path: '/tmp/coaching-checkins.png', fullPage: true });

      for (const [path, heading] of [
        ['/#/coach/templates', 'Reply templates'],
        ['/#/coach/reply-times', 'Reply times'],
      ] as const) {
        await coach.page.goto(`${stack.tenantUrl('demo')}${path}`);
        await waitForHeading(coach.page, heading);
        await expectNoAxeViolations(coach.page, heading);
      }
      await coach.page.getByRole('main').getByText('First replies').waitFor();
      await coach.page.screenshot({ path: '/tmp/coaching-sla.png', fullPage: true });
      await coach.context.close();
    } finally {
      await stack.clock({ advanceMs: -25 * 3_600_000 });
    }
  });
  it('a coach marks themselves away and hands over; the lead coach sees the board and the handed-over thread', async () => {
    const leadApi = await stack.signIn(LEAD);
    const coach = await deviceFor(coachApi);
    await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/team`);
    await waitForHeading(coach.page, 'Team');
    await coach.page.getByRole('heading', { name: 'Your status: in' }).waitFor();
    await coach.page.getByRole('button', { name: 'Mark me as away' }).click();
    await coach.page.getByRole('heading', { name: 'Your status: away' }).waitFor();
    await coach.page.getByRole('button', { name: 'Hand over my open conversations' }).click();
    await coach.page.getByRole('main').getByText('1 open conversation was handed over.').waitFor();
    await expectNoAxeViolations(coach.page, 'coach team page (away)');
    await coach.page.screenshot({ path: '/tmp/coaching-team.png', fullPage: true });
    expect(await coach.page.getByText('lead coach’s board', { exact: false }).count()).toBe(0); // not a lead

    const lead = await deviceFor(leadApi);
    await lead.page.goto(`${stack.tenantUrl('demo')}/#/coach/board`);
    await waitForHeading(lead.page, 'Lead coach’s board');
    const leadRow = lead.page.getByRole('row', { name: new RegExp(`^${LEAD.replace(/\./g, '\\.')} \\(lead\\) In 1 `) });
    await leadRow.waitFor();
    await lead.page.getByRole('row', { name: /^coach@respite\.example Away 0 / }).waitFor();
    expect(await lead.page.getByText('One more thing about Mondays.').count()).toBe(0); // no message text on the board
    await expectNoAxeViolations(lead.page, 'lead coach board');
    await lead.page.screenshot({ path: '/tmp/coaching-board.png', fullPage: true });
    await lead.page
      .getByRole('link', { name: /^Conversation / })
      .first()
      .click();
    await lead.page.getByRole('main').getByText('This conversation is yours.').waitFor();
    await expectNoAxeViolations(lead.page, 'coach thread (handed over)');

    await coach.page.getByRole('button', { name: 'I am back' }).click();
    await coach.page.getByRole('heading', { name: 'Your status: in' }).waitFor();
    await coach.context.close();
    await lead.context.close();
  });

  it('a shared PHQ-9 with item 9 above 0 reaches the lead coach at once, content-free, and tops the inbox', async () => {
    const kim = await stack.signIn('kim.e2e@example.org', { inviteToken: invite });
    const responseId = 'e2e-phq9-safety';
    const answers = [2, 2, 2, 2, 2, 2, 2, 2, 1]; // total 17 of 27; item 9 = 1
    expect(
      (await kim.post('/api/programme/questionnaires/phq9/responses', { responseId, answers })).status,
    ).toBeLessThan(300);
    const before = { lead: (await stack.inbox(LEAD)).length, coach: (await stack.inbox(COACH)).length };
    const emp = await deviceFor(kim, { phone: true });
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/messages`);
    await waitForHeading(emp.page, 'Messages');
    await emp.page.getByLabel('Choose something to share').selectOption(`questionnaire~phq9:${responseId}`);
    await emp.page.getByRole('button', { name: 'Share with my coach' }).click();
    await emp.page.getByRole('heading', { name: 'What you are sharing' }).waitFor();
    await emp.context.close();

    // no tick: the share itself queued the alert to the thread's coach and the lead coach
    const leadMails = await mailsFor(LEAD, before.lead);
    expect(leadMails).toHaveLength(1);
    expect(leadMails[0]!.subject).toMatch(/^Please reply today: conversation [A-Z0-9]{4}$/);
    expectContentFree(leadMails[0], ['kim.e2e', responseId]);
    expect(`${leadMails[0]!.body.text}\n${leadMails[0]!.body.html}`).not.toMatch(/\b17\b|\b27\b|moderately|severe/i);
    expect((await mailsFor(COACH, before.coach)).map((m) => m.subject)).toEqual([leadMails[0]!.subject]);

    const lead = await deviceFor(await stack.signIn(LEAD));
    await lead.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
    await waitForHeading(lead.page, 'Inbox');
    const top = lead.page.locator('.inbox li').first();
    await top.getByText('Safety: read first', { exact: true }).waitFor();
    expect(await top.getByRole('link', { name: /^Conversation / }).textContent()).toContain(
      leadMails[0]!.subject.slice(-4),
    );
    await expectNoAxeViolations(lead.page, 'lead coach inbox (safety first)');
    await lead.context.close();
  });

  it('a message written on Friday evening is due on Monday, in coaching hours', async () => {
    await moveClock('2027-03-12T18:30:00Z'); // Friday 18:30 in London
    const fay = await stack.signIn('fay.e2e@example.org', { inviteToken: invite });
    const emp = await deviceFor(fay);
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/messages`);
    await waitForHeading(emp.page, 'Messages');
    await emp.page.getByLabel('Your message').fill('It has been a long week.');
    await emp.page.getByRole('button', { name: 'Send message' }).click();
    await emp.page
      .getByRole('main')
      .getByText(/Sent\. Expect a reply by Monday 17:0\d\./)
      .waitFor();
    await emp.page.goto(`${stack.tenantUrl('demo')}/#/`);
    await emp.page
      .getByRole('main')
      .getByText(/Expect a reply by Monday 17:0\d/)
      .waitFor();
    await emp.context.close();

    const coach = await deviceFor(await stack.signIn(COACH));
    await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
    await waitForHeading(coach.page, 'Inbox');
    await coach.page
      .getByRole('main')
      .getByText(/^Reply due by Mon 15 Mar,? 17:0\d$/)
      .first()
      .waitFor();
    await coach.context.close();
  });
});
