// The join → code from the local SES inbox → signed-in journey in Debian Chromium, with axe on every page.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let inviteUrl: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('join and sign in (browser)', () => {
  it('HR admin signs in with a code from the inbox and sees the invite link', async () => {
    const { context, page } = await newDevice(browser);
    await page.goto(`${stack.tenantUrl('demo')}/`);
    await waitForHeading(page, 'Sign in');
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Your email address').fill('hr@northwind.example');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    await expectNoAxeViolations(page, 'code entry');
    await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox('hr@northwind.example'))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForHeading(page, 'Respite for your organisation');
    const url = page.getByTestId('invite-url');
    await url.waitFor();
    inviteUrl = (await url.textContent())!;
    expect(inviteUrl).toMatch(/#\/join\/[\w-]{20,}$/);
    await expectNoAxeViolations(page, 'HR home');
    await context.close();
  });

  it('an employee opens the invite link on a phone, joins with a personal email and lands on their home page', async () => {
    const { context, page } = await newDevice(browser, { phone: true });
    await page.goto(inviteUrl);
    await waitForHeading(page, 'Welcome to Respite');
    expect(await page.getByRole('main').getByText('You may use Respite for up to 30 minutes a week').count()).toBe(1);
    expect(await page.getByRole('main').getByText('will never know whether you use Respite').count()).toBe(1);
    await expectNoAxeViolations(page, 'join page');
    await page.getByLabel('Your email address').fill('alex.home@example.net');
    await page.getByLabel('Your department (optional)').selectOption('warehouse');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    await page.screenshot({ path: '/tmp/respite-join-code.png', fullPage: true });
    await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox('alex.home@example.net'))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForHeading(page, /^Welcome( back)?$/);
    await page.getByRole('heading', { name: 'Time for this at work' }).waitFor();
    await expectNoAxeViolations(page, 'employee home');
    await page.screenshot({ path: '/tmp/respite-employee-home.png', fullPage: true });

    // "Need help now?" is one tap away and lists the crisis resources
    await page.getByRole('link', { name: 'Need help now?' }).click();
    await waitForHeading(page, 'Need help now?');
    expect(await page.getByRole('link', { name: '116 123' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'help now');

    // quick-hide covers the screen and gives the tab a neutral title
    await page.keyboard.press('Escape');
    expect(await page.title()).toBe('Notes');
    await page.keyboard.press('Escape');
    expect(await page.title()).toMatch(/Need help now/);

    // sign out returns to sign-in and the session no longer works
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForHeading(page, 'Sign in');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'rs_demo')).toBeUndefined();
    await context.close();
  });

  it('the emailed link signs in on its own', async () => {
    const { context, page } = await newDevice(browser);
    const email = 'alex.home@example.net';
    const c = stack.client();
    await c.post('/api/account/sign-in', { email });
    const mails = await stack.inbox(email);
    const link = /(https?:\/\/\S+#\/verify\?\S+)/.exec(mails.at(-1)!.body.text ?? '')![1]!;
    await page.goto(link);
    await waitForHeading(page, /^Welcome( back)?$/);
    await context.close();
  });
});
