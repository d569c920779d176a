// The employee's journey after joining, in Chromium at phone and desktop sizes, with axe on every state: the first
// run (every step skippable, choices stored), discreet mode for real (tab title, favicon and the titles kept in the
// browser history; on this device or on the account, where a second device follows from its first paint), and
// parked thoughts (home card and page: pick up, mark done, delete). Screenshots go to /tmp/respite-journey-*.png.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import {
  expectNoAxeViolations,
  launchBrowser,
  newDevice,
  signInInBrowser,
  waitForHeading,
} from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let base: string;
let inviteToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
  base = stack.tenantUrl('demo');
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function join(page: Page, email: string) {
  await page.goto(`${base}/#/join/${inviteToken}`);
  await waitForHeading(page, 'Welcome to Respite');
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(email))!);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Same-origin API call from the page (the session cookie and the app's origin, as the app itself sends them). */
const call = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`api/${p}`, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    [method, path, body] as const,
  );

const icon = (page: Page) => page.evaluate(() => document.querySelector('link[rel="icon"]')!.getAttribute('href'));
const historyTitles = async (context: BrowserContext, page: Page) => {
  const cdp = await context.newCDPSession(page);
  const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: { url: string; title: string }[] };
  await cdp.detach();
  return entries;
};

describe('first run (phone)', () => {
  it('a new joiner is welcomed (not "welcomed back") and can go through five skippable steps; the choices are stored', async () => {
    const { context, page } = await newDevice(browser, { phone: true });
    await join(page, 'fern.firstrun@example.net');
    await waitForHeading(page, /^Welcome$/);
    await page.getByRole('heading', { name: 'New here? Start with a short introduction' }).waitFor();
    // The course card names the next step with its minutes.
    await page.getByTestId('next-step').waitFor();
    expect(await page.getByTestId('next-step').textContent()).toContain(
      `Start: Module 1: ${MODULES[0]!.title}, ${MODULES[0]!.minutes} min`,
    );
    await expectNoAxeViolations(page, 'home with the first-run card');
    await page.screenshot({ path: '/tmp/respite-journey-home-first-run-390.png', fullPage: true });

    await page.getByRole('link', { name: 'Start the introduction' }).click();
    await waitForHeading(page, 'Getting started');
    await page.getByRole('heading', { level: 2, name: 'What to expect' }).waitFor();
    expect(await page.getByTestId('first-run-step').textContent()).toBe('Step 1 of 5');
    await expectNoAxeViolations(page, 'first run: what to expect');
    await page.screenshot({ path: '/tmp/respite-journey-first-run-1-390.png', fullPage: true });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { level: 2, name: 'Time for this at work' }).waitFor();
    await page.getByRole('main').getByText('You may use Respite for up to 30 minutes a week').waitFor(); // the demo organisation's statement
    await page.getByRole('button', { name: 'Skip this step' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your goals' }).waitFor();
    await page.getByLabel('Sleep better').check();
    await page.getByLabel('Switch off after work').check();
    await expectNoAxeViolations(page, 'first run: goals');
    await page.screenshot({ path: '/tmp/respite-journey-first-run-3-390.png', fullPage: true });
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { level: 2, name: 'Reminders and privacy' }).waitFor();
    await page.getByLabel('Email me a reminder once a week (Tuesdays at 09:00)').check();
    await expectNoAxeViolations(page, 'first run: reminders and privacy');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { level: 2, name: 'A first check-in' }).waitFor();
    await expectNoAxeViolations(page, 'first run: first check-in');
    await page.getByRole('button', { name: 'Take the check-in now' }).click();
    await waitForHeading(page, 'PSS-10');

    const welcome = await call(page, 'GET', 'programme/welcome');
    expect(welcome.body).toMatchObject({ finished: true, goals: ['sleep-better', 'switch-off'] });
    const prefs = await call(page, 'GET', 'reminders/preferences');
    expect(prefs.body.preferences).toMatchObject({ remindersOn: true, frequency: 'weekly', days: [2], time: '09:00' });

    await page.goto(`${base}/#/`);
    await waitForHeading(page, 'Welcome back');
    expect(await page.getByRole('heading', { name: 'New here? Start with a short introduction' }).count()).toBe(0);
    await context.close();
  });

  it('"Not now" on the home card skips the whole first run, once and for all', async () => {
    const { context, page } = await newDevice(browser);
    await join(page, 'gale.skip@example.net');
    await waitForHeading(page, /^Welcome$/);
    await page.getByRole('button', { name: 'Not now' }).click();
    await page
      .getByRole('heading', { name: 'New here? Start with a short introduction' })
      .waitFor({ state: 'detached' });
    await page.reload();
    await waitForHeading(page, 'Welcome back');
    expect((await call(page, 'GET', 'programme/welcome')).body).toMatchObject({ finished: true, goals: [] });
    await context.close();
  });
});

describe('discreet mode', () => {
  it('on this device: the tab title, the favicon and the titles in history are neutral from the moment it is on', async () => {
    const { context, page } = await newDevice(browser);
    await join(page, 'hazel.discreet@example.net');
    await waitForHeading(page, /^Welcome$/);
    await page.goto(`${base}/#/check-ins`);
    await waitForHeading(page, 'Check-ins');
    expect(await page.title()).toBe('Check-ins · Respite');
    expect(await icon(page)).toBe('./favicon.svg');

    await page.goto(`${base}/#/discreet`);
    await waitForHeading(page, 'Discreet mode');
    await expectNoAxeViolations(page, 'discreet mode page (off)');
    const before = (await historyTitles(context, page)).length;
    await page.getByLabel('On this device').check();
    await page.locator('#main').getByText('Discreet mode is on for this device.').waitFor();
    expect(await page.title()).toBe('Notes');
    expect(await icon(page)).toBe('./favicon-neutral.svg');
    await expectNoAxeViolations(page, 'discreet mode page (on)');
    await page.screenshot({ path: '/tmp/respite-journey-discreet-1280.png', fullPage: true });

    for (const [path, heading] of [
      ['/check-ins', 'Check-ins'],
      ['/diary', 'Diary'],
      ['/course', 'Your course'],
      ['/', 'Welcome'],
    ] as const) {
      await page.goto(`${base}/#${path}`);
      await waitForHeading(page, heading);
      expect(await page.title(), path).toBe('Notes');
    }
    const since = (await historyTitles(context, page)).slice(before);
    expect(since.length).toBeGreaterThanOrEqual(4);
    expect(since.map((e) => e.title)).toEqual(since.map(() => 'Notes'));

    // A reload starts neutral before the app has drawn anything.
    await page.goto(`${base}/#/diary`, { waitUntil: 'domcontentloaded' });
    expect(await page.title()).toBe('Notes');
    expect(await icon(page)).toBe('./favicon-neutral.svg');

    // Esc still hides the screen, and the title stays neutral.
    await waitForHeading(page, 'Diary');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Hidden screen' }).waitFor();
    expect(await page.title()).toBe('Notes');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Hidden screen' }).waitFor({ state: 'detached' });

    await page.goto(`${base}/#/discreet`);
    await waitForHeading(page, 'Discreet mode');
    await page.getByLabel('On this device').uncheck();
    await page.locator('#main').getByText('Discreet mode is off for this device.').waitFor();
    expect(await page.title()).toBe('Discreet mode · Respite');
    expect(await icon(page)).toBe('./favicon.svg');
    // Only this device: the account is untouched, so emails stay as they were.
    expect((await call(page, 'GET', 'reminders/discreet')).body).toEqual({ on: false });
    await context.close();
  });

  it('on my account: stored on the server, and another device is discreet as soon as it signs in, and from first paint after that', async () => {
    const email = 'iris.account@example.net';
    const one = await newDevice(browser, { phone: true });
    await join(one.page, email);
    await waitForHeading(one.page, /^Welcome$/);
    await one.page.goto(`${base}/#/discreet`);
    await waitForHeading(one.page, 'Discreet mode');
    await one.page.getByLabel('On my account').check();
    await one.page.locator('#main').getByText('Saved: discreet mode is on for your account.').waitFor();
    expect(await one.page.title()).toBe('Notes');
    expect((await call(one.page, 'GET', 'reminders/discreet')).body).toEqual({ on: true });
    await expectNoAxeViolations(one.page, 'discreet mode page (account on, phone)');
    await one.page.screenshot({ path: '/tmp/respite-journey-discreet-390.png', fullPage: true });
    await one.context.close();

    const two = await newDevice(browser);
    await signInInBrowser(two.page, stack, email);
    await waitForHeading(two.page, /^Welcome$/);
    await expect.poll(() => two.page.title()).toBe('Notes');
    await expect.poll(() => icon(two.page)).toBe('./favicon-neutral.svg');
    await two.page.goto(`${base}/#/library`, { waitUntil: 'domcontentloaded' });
    expect(await two.page.title()).toBe('Notes');
    await waitForHeading(two.page, 'Library');
    expect(await two.page.title()).toBe('Notes');
    // The reminders page says emails are discreet, and points to the one place that changes it.
    await two.page.goto(`${base}/#/reminders`);
    await waitForHeading(two.page, 'Reminders and emails');
    expect(await two.page.getByTestId('discreet-emails').textContent()).toMatch(/Discreet mode is on for your account/);
    await two.context.close();
  });
});

describe('parked thoughts', () => {
  it('home lists what is waiting; the page picks one up into a thought record, marks one done and deletes', async () => {
    for (const phone of [true, false]) {
      const { context, page } = await newDevice(browser, { phone });
      const email = phone ? 'jude.parked@example.net' : 'kai.parked@example.net';
      await join(page, email);
      await waitForHeading(page, /^Welcome$/);
      for (const [id, text] of [
        ['parked-e2e-0001', 'Ask Sam about the rota'],
        ['parked-e2e-0002', 'Worried I missed something in the audit'],
      ])
        expect((await call(page, 'POST', 'programme/parked', { thoughtId: id, text })).status).toBe(201);
      await page.reload();
      await page.getByRole('heading', { name: 'Parked thoughts' }).waitFor();
      await page.getByRole('main').getByText('2 thoughts are waiting for when you have more time.').waitFor();
      await page.getByRole('main').getByText('Ask Sam about the rota').waitFor();
      await expectNoAxeViolations(page, 'home with parked thoughts');
      await page.screenshot({ path: `/tmp/respite-journey-home-parked-${phone ? 390 : 1280}.png`, fullPage: true });

      await page.getByRole('link', { name: 'See parked thoughts' }).click();
      await waitForHeading(page, 'Parked thoughts');
      await page.getByRole('heading', { name: 'Waiting (2)' }).waitFor();
      await expectNoAxeViolations(page, 'parked thoughts page');
      await page
        .locator('li', { hasText: 'Ask Sam about the rota' })
        .getByRole('button', { name: 'Mark as done' })
        .click();
      await page.getByRole('heading', { name: 'Done (1)' }).waitFor();
      await page.getByRole('heading', { name: 'Waiting (1)' }).waitFor();
      await expectNoAxeViolations(page, 'parked thoughts page with one done');
      await page.screenshot({ path: `/tmp/respite-journey-parked-${phone ? 390 : 1280}.png`, fullPage: true });

      await page.getByRole('button', { name: 'Pick it up' }).click();
      await waitForHeading(page, 'New thought record');
      expect(await page.getByLabel('What happened?').inputValue()).toBe('Worried I missed something in the audit');

      await page.goto(`${base}/#/parked`);
      await waitForHeading(page, 'Parked thoughts');
      await page.locator('li', { hasText: 'Ask Sam about the rota' }).getByRole('button', { name: 'Delete' }).click();
      await page.locator('#main').getByText('Deleted.').waitFor();
      expect(await page.getByRole('heading', { name: /^Done/ }).count()).toBe(0);
      const left = (await call(page, 'GET', 'programme/parked')).body.thoughts as { text: string; doneAt?: string }[];
      expect(left.map((t) => t.text)).toEqual(['Worried I missed something in the audit']);
      await context.close();
    }
  });
});
