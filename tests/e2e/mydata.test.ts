// In Chromium: an employee builds a return-to-work plan, prints the adjustments request, exports their data (the
// file holds what they typed), deletes their account with the confirmation step and can no longer sign in.
// axe reports no violations on any page.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let inviteUrl: string;

const EMAIL = 'robin.returning@example.net';

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  inviteUrl = (await hr.get('/api/account/invite-link')).body.url;
  inviteUrl = inviteUrl.replace(/^.*#/, `${stack.tenantUrl('demo')}/#`);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function enterCode(page: Page, email: string) {
  await page.getByLabel('6-digit code').waitFor();
  await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(email))!);
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('return to work and my data (browser)', () => {
  it('plan → print → export → delete → cannot sign in', async () => {
    const { context, page } = await newDevice(browser, { phone: true });

    // join
    await page.goto(inviteUrl);
    await waitForHeading(page, 'Welcome to Respite');
    await page.getByLabel('Your email address').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await enterCode(page, EMAIL);
    await waitForHeading(page, /^Welcome( back)?$/);

    // the planner, from the home card
    await page.getByRole('link', { name: 'Open the return-to-work planner' }).click();
    await waitForHeading(page, 'Return to work');
    await page.getByLabel('Return date (if you know it)').fill('2027-01-11');
    await page.getByLabel('Your contracted hours a week (optional)').fill('30');
    await page.getByLabel('What do you want from going back?').fill('Feel steady and enjoy the team again');
    await page.getByRole('button', { name: 'Add a week' }).click();
    await page.getByLabel('Hours in week 1').fill('12');
    await page.getByRole('button', { name: 'Add a week' }).click();
    await page.getByLabel('Hours in week 2').fill('40');
    await page.getByRole('button', { name: 'Add a warning sign' }).click();
    await page.getByLabel('The sign').fill('Waking at 4am');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Dr Shah');
    await page.getByLabel('Role').selectOption('gp');
    await page.getByLabel('Take a three-minute breathing space').check();
    await expectNoAxeViolations(page, 'return-to-work planner');

    // hours over the contract are refused, naming the week; fix and save
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page
      .getByRole('main')
      .getByText('Build up your hours, week 2: must not be more than your contracted 30 hours a week')
      .waitFor();
    await expectNoAxeViolations(page, 'planner with errors');
    await page.getByLabel('Hours in week 2').fill('20');
    await page.getByRole('button', { name: 'Save my plan' }).click();
    await page.getByRole('main').getByText('Saved. Only you can see this.').waitFor();
    await page.screenshot({ path: '/tmp/respite-rtw-planner.png', fullPage: true });

    // the adjustments request: draft, preview, print view
    await page.getByRole('link', { name: 'Draft an adjustments request' }).click();
    await waitForHeading(page, 'Workplace adjustments request');
    await page.getByLabel('Your name').fill('Robin');
    await page.getByLabel('Who it is for').fill('My line manager');
    await page.getByRole('button', { name: '+ A later start or earlier finish for a while' }).click();
    await page.getByLabel('Why it would help (optional)').fill('My sleep is still settling');
    await page.getByRole('button', { name: 'Save my request' }).click();
    await page.getByRole('main').getByText('Saved. Only you can see this.').waitFor();
    expect(await page.getByRole('region', { name: 'Preview of your request' }).textContent()).toContain(
      'A later start or earlier finish for a while',
    );
    await expectNoAxeViolations(page, 'adjustments request');
    await page.screenshot({ path: '/tmp/respite-rtw-adjustments.png', fullPage: true });

    const [printView] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: /Open the print view/ }).click(),
    ]);
    await printView.waitForLoadState();
    await printView.getByRole('heading', { level: 1, name: 'Request for workplace adjustments' }).waitFor();
    expect(await printView.textContent('body')).toContain('My sleep is still settling');
    expect(await printView.textContent('body')).toContain('11 January 2027');
    await expectNoAxeViolations(printView, 'adjustments print view');
    await printView.close();

    // your data: export
    await page.goto(`${stack.tenantUrl('demo')}/#/my-data`);
    await waitForHeading(page, 'Your data');
    await page.getByRole('main').getByText('(this device)').waitFor();
    await expectNoAxeViolations(page, 'your data');
    await page.screenshot({ path: '/tmp/respite-mydata.png', fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data (JSON file)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^respite-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    const rtw = exported.sections.find((s: { id: string }) => s.id === 'returnToWork').records[0];
    expect(rtw.plan.goals).toBe('Feel steady and enjoy the team again');
    expect(rtw.network[0]).toMatchObject({ name: 'Dr Shah', role: 'gp' });
    expect(rtw.adjustments.requests[0].why).toBe('My sleep is still settling');
    expect(exported.sections.find((s: { id: string }) => s.id === 'profile').records[0].email).toBe(EMAIL);

    // delete, with the confirmation step
    await page.getByRole('link', { name: 'Delete my account…' }).click();
    await waitForHeading(page, 'Delete your account');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('main').getByText('Tick the box to confirm you want to delete your account.').waitFor();
    await expectNoAxeViolations(page, 'delete account (unconfirmed)');
    await page.screenshot({ path: '/tmp/respite-delete.png', fullPage: true });
    await page.getByLabel('I understand this deletes my account').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await waitForHeading(page, 'Your account has been deleted');
    await expectNoAxeViolations(page, 'account deleted');
    expect((await context.cookies()).find((c) => c.name === 'rs_demo')).toBeUndefined();
    await context.close();

    // signing in again: the email carries no code (exactly as for an address with no account)
    const { context: later, page: again } = await newDevice(browser);
    await again.goto(`${stack.tenantUrl('demo')}/#/sign-in`);
    await waitForHeading(again, 'Sign in');
    const before = (await stack.inbox(EMAIL)).length;
    await again.getByLabel('Your email address').fill(EMAIL);
    await again.getByRole('button', { name: 'Email me a code' }).click();
    await again.getByLabel('6-digit code').waitFor();
    const mails = (await stack.inbox(EMAIL)).slice(before);
    expect(mails).toHaveLength(1);
    expect(latestCode(mails)).toBeUndefined();
    expect(mails[0]!.subject).toBe('Your Respite sign-in');
    expect(mails[0]!.body.text).toContain('This address has no Respite account yet');
    await later.close();
  });
});
