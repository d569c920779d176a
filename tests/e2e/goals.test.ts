// "Your goals": the first run's goals can be changed later, from the home page's quick links on a phone and from the
// navigation's More menu on a desktop; saving keeps the first run's own state; axe at 390 px and at desktop size.
// Needs the built app: npm run build:web.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  newDevice,
  signInInBrowser,
  waitForHeading,
} from '../support/browser.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let token: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  token = (await hr.get('/api/account/invite-link')).body.token as string;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const welcome = (api: ApiClient) => api.get('/api/programme/welcome').then((r) => r.body);
const checked = (page: Page) =>
  page
    .getByRole('group', { name: /What would you like to get from this/ })
    .getByRole('checkbox', { checked: true })
    .evaluateAll((els) => els.map((e) => e.parentElement?.textContent?.trim()));

describe('changing the first-run goals later', () => {
  it('on a phone (390 px), from the home page: pick goals, save, and find them again', async () => {
    const email = 'goals.phone@example.org';
    const api = await stack.signIn(email, { inviteToken: token });
    // Chose one goal in the first run and finished it.
    await api.put('/api/programme/welcome', { goals: ['sleep-better'], finished: true });
    const { context, page } = await newDevice(browser, { phone: true });
    await signInInBrowser(page, stack, email);
    await waitForHeading(page, 'Welcome back');
    await page.getByRole('main').getByRole('link', { name: 'Look at or change my goals' }).click();
    await waitForHeading(page, 'Your goals');
    expect(await checked(page)).toEqual(['Sleep better']);
    await expectNoAxeViolations(page, 'goals at 390 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel('Sleep better').uncheck();
    await page.getByLabel('Switch off after work').check();
    await page.getByLabel('Handle pressure and deadlines').check();
    await page.getByRole('button', { name: 'Save my goals' }).click();
    await page.getByRole('main').getByText('Saved. Your goals are up to date.').waitFor();
    await expectNoAxeViolations(page, 'goals saved at 390 px');
    await page.screenshot({ path: '/tmp/respite-goals-390.png', fullPage: true });
    expect(await welcome(api)).toMatchObject({ finished: true, goals: ['switch-off', 'handle-pressure'] });

    await page.reload();
    await waitForHeading(page, 'Your goals');
    expect(await checked(page)).toEqual(['Switch off after work', 'Handle pressure and deadlines']);
    await context.close();
  });

  it('on a desktop, from the More menu: no goals is fine, and the first run stays as it was', async () => {
    const email = 'goals.desk@example.org';
    const api = await stack.signIn(email, { inviteToken: token });
    await api.put('/api/programme/welcome', { goals: ['worry-less'], finished: false });
    const { context, page } = await newDevice(browser);
    await signInInBrowser(page, stack, email);
    await waitForHeading(page, /^Welcome( back)?$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByText('More', { exact: true }).click();
    await nav.getByRole('link', { name: 'Your goals' }).click();
    await waitForHeading(page, 'Your goals');
    await expectNoAxeViolations(page, 'goals at desktop');
    await page.getByLabel('Worry less about work').uncheck();
    await page.getByRole('button', { name: 'Save my goals' }).click();
    await page.getByRole('main').getByText('Saved. You have no goals chosen, and that is fine.').waitFor();
    await expectNoAxeViolations(page, 'goals saved at desktop');
    await page.screenshot({ path: '/tmp/respite-goals-desktop.png', fullPage: true });
    // The first run is still offered: changing goals here neither finishes nor restarts it.
    expect(await welcome(api)).toMatchObject({ finished: false, goals: [] });
    await context.close();
  });
});
