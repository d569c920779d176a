// An employee sets a reminder in the app (on a phone) and receives it at the chosen local time in the local SES
// inbox; the clock is moved with stack.clock and the 15-minute tick is run with stack.runJob. axe on every state.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('reminder preferences (browser)', () => {
  it('sets a Wednesday 09:30 reminder and receives it at 09:30 London time', async () => {
    const email = 'robin.reminders@example.net';
    const hr = await stack.signIn('hr@northwind.example');
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    await stack.clock({ at: '2026-12-07T12:00:00Z' });

    const { context, page } = await newDevice(browser, { phone: true });
    await page.goto(`${stack.tenantUrl('demo')}/#/join/${token}`);
    await waitForHeading(page, 'Welcome to Respite');
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(email))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForHeading(page, /^Welcome( back)?$/);

    await page.goto(`${stack.tenantUrl('demo')}/#/reminders`);
    await waitForHeading(page, 'Reminders and emails');
    await expectNoAxeViolations(page, 'reminders (empty)');
    await page.getByLabel('Send me a reminder email').check();

    // Twice a week with only one day is refused, naming the days.
    await page.getByLabel('Twice a week – Choose two days.').check();
    await page.getByLabel('Tuesday').uncheck();
    await page.getByLabel('Wednesday').check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('main').getByText('Days: choose exactly two days for twice a week').waitFor();
    await expectNoAxeViolations(page, 'reminders (error)');

    await page.getByLabel('Once a week – Choose one day.').check();
    await page.getByLabel('Time', { exact: true }).selectOption('09:30');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    await page.getByLabel(/A short Monday note/).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('main').getByText('Your next reminder: Wednesday 9 December at 09:30').waitFor();
    await expectNoAxeViolations(page, 'reminders (saved)');
    await page.screenshot({ path: '/tmp/respite-reminders.png', fullPage: true });
    await context.close();

    await stack.clock({ at: '2026-12-09T09:15:20Z' });
    await stack.runJob('reminders-tick', { scheduledTime: '2026-12-09T09:15:00Z' }, 'demo');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(0);
    await stack.clock({ at: '2026-12-09T09:30:20Z' });
    await stack.runJob('reminders-tick', { scheduledTime: '2026-12-09T09:30:00Z' }, 'demo');
    const reminders = (await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body.text).toContain('Open Respite');

    // The unsubscribe link in the email opens a page (no sign-in); one click stops the reminders.
    const link = /Unsubscribe: (\S+)/.exec(reminders[0]!.body.text!)![1]!;
    const device = await newDevice(browser, { phone: true });
    await device.page.goto(link);
    await waitForHeading(device.page, 'Unsubscribe');
    await expectNoAxeViolations(device.page, 'unsubscribe page');
    await device.page.getByRole('button', { name: 'Unsubscribe' }).click();
    await waitForHeading(device.page, 'You are unsubscribed');
    await expectNoAxeViolations(device.page, 'unsubscribed page');
    await device.page.screenshot({ path: '/tmp/respite-unsubscribed.png', fullPage: true });
    await device.context.close();
    await stack.clock({ at: '2026-12-16T09:30:20Z' });
    await stack.runJob('reminders-tick', { scheduledTime: '2026-12-16T09:30:00Z' }, 'demo');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);
  });
});
