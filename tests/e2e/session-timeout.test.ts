// Timing adjustable (WCAG 2.2.1, issue 24 #9): a coach (2 hours idle, 12 hours in all) is warned before the session
// times out, in an alert a screen reader announces, and one press extends it; near the absolute end the warning says
// it cannot be extended. The browser's clock is moved (Playwright's clock); the server's sessions are the real ones.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let coachApi: ApiClient;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  coachApi = await stack.signIn('coach@respite.example');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const MINUTE = 60_000;

async function coachPage(phone: boolean, opts: { movableClock: boolean } = { movableClock: true }) {
  const device = await newDevice(browser, { phone });
  const url = new URL(stack.tenantUrl('demo'));
  await device.context.addCookies(
    [...coachApi.cookies].map(([name, value]) => ({
      name,
      value,
      domain: url.hostname,
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict' as const,
    })),
  );
  if (opts.movableClock) await device.page.clock.install({ time: Date.now() });
  await device.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
  await waitForHeading(device.page, 'Inbox');
  // every request of the page answered before the clock moves (each one extends the session)
  await device.page.waitForLoadState('networkidle');
  return device;
}

describe('session timeout warning', () => {
  it('warns five minutes before the idle timeout, is announced, and "Stay signed in" extends the session', async () => {
    const { context, page } = await coachPage(true);
    const alert = page.getByRole('alert').filter({ hasText: 'You will be signed out at' });
    await page.clock.fastForward(110 * MINUTE);
    expect(await alert.count()).toBe(0); // 10 minutes before: nothing yet
    await page.clock.fastForward(6 * MINUTE);
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/because nothing has happened for a while/);
    await expectNoAxeViolations(page, 'coach inbox with the timeout warning (phone)');
    const stay = page.getByRole('button', { name: 'Stay signed in' });
    await stay.focus();
    await page.keyboard.press('Enter');
    await alert.waitFor({ state: 'detached' });
    // extended: another 110 minutes on, still no warning, and the page is still the coach's
    await page.clock.fastForward(110 * MINUTE);
    expect(await alert.count()).toBe(0);
    await waitForHeading(page, 'Inbox');
    await context.close();
  });

  it('keeps a half-written reply in the tab across a reload (as after a timed-out session), and sending clears it', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const invite = (await hr.get('/api/account/invite-link')).body.token as string;
    const employee = await stack.signIn('alex.draft@example.org', { inviteToken: invite });
    expect(
      (
        await employee.post('/api/coaching/messages', {
          id: 'draft-e2e-1',
          text: 'Is it normal to dread Sunday evenings?',
        })
      ).status,
    ).toBe(201);
    const { context, page } = await coachPage(false, { movableClock: false });
    await page
      .getByRole('link', { name: /^Conversation / })
      .first()
      .click();
    await page.getByRole('main').getByText('Is it normal to dread Sunday evenings?').waitFor();
    const reply = page.getByLabel('Your reply');
    await reply.fill('Yes, a lot of people feel that. One thing that can help');
    // the tab is reloaded (as it is when a timed-out session sends the coach to sign in and back): the reply is kept
    await page.reload();
    await page.getByRole('main').getByText('Is it normal to dread Sunday evenings?').waitFor();
    expect(await page.getByLabel('Your reply').inputValue()).toBe(
      'Yes, a lot of people feel that. One thing that can help',
    );
    await page.getByRole('main').getByText('Your unsent reply was kept on this device.').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('main').getByText('Reply sent.').waitFor();
    await page.reload();
    await page.getByRole('main').getByText('Yes, a lot of people feel that.').first().waitFor();
    expect(await page.getByLabel('Your reply').inputValue()).toBe('');
    await context.close();
  });

  it('near the 12-hour end it says the session cannot be extended, offering no way that would not work', async () => {
    const { context, page } = await coachPage(false);
    await page.clock.fastForward(11 * 60 * MINUTE + 57 * MINUTE);
    const end = page.getByRole('alert').filter({ hasText: 'cannot be extended' });
    await end.waitFor();
    expect(await page.getByRole('button', { name: 'Stay signed in' }).count()).toBe(0);
    await page.getByRole('button', { name: 'OK' }).click();
    await end.waitFor({ state: 'detached' });
    await context.close();
  });
});
