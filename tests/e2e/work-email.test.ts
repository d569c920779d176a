// Issue 22: the join and sign-in pages warn, kindly and without blocking, when the address typed is at one of the
// organisation's work email domains (tenants/<slug>.json `workEmailDomains`), and say nothing for other addresses.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { demoTenant, latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let joinUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ workEmailDomains: ['northwind.example'] })] });
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  joinUrl = (await hr.get('/api/account/invite-link')).body.url as string;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const advice = (page: Page) => page.getByTestId('work-email-advice');

/** The warning is tied to the field (aria-describedby) and spoken through the app's polite live region. */
async function expectAdviceShown(page: Page) {
  const field = page.getByLabel('Your email address');
  await advice(page).waitFor();
  const text = (await advice(page).textContent())!;
  expect(text).toContain('Northwind Logistics work address');
  expect(text).toContain('A personal address keeps your use of Respite more private');
  expect(text).toMatch(/either works/i);
  const adviceBoxId = await advice(page).evaluate((el) => el.closest('.alert')!.id);
  expect((await field.getAttribute('aria-describedby'))!.split(' ')).toContain(adviceBoxId);
  await expect.poll(() => page.getByTestId('live-polite').textContent()).toContain('Northwind Logistics work address');
}

describe('work email advice', () => {
  it('the join page warns for a work address (and its subdomains, any case), not for a personal one, and still lets a work address join', async () => {
    const { context, page } = await newDevice(browser, { phone: true });
    await page.goto(joinUrl);
    await waitForHeading(page, 'Welcome to Respite');
    const field = page.getByLabel('Your email address');

    await field.fill('alex.home@example.net');
    expect(await advice(page).count()).toBe(0);
    expect(await field.getAttribute('aria-describedby')).not.toMatch(/advice/);

    await field.fill('Alex.Work@UK.Northwind.Example');
    await expectAdviceShown(page);
    expect(await page.getByTestId('work-email-advice-staff').count()).toBe(0); // the invite link is for employees only
    await expectNoAxeViolations(page, 'join page with the work-address advice');
    await page.screenshot({ path: '/tmp/respite-work-email-join.png', fullPage: true });

    await field.fill('alex@notnorthwind.example');
    await advice(page).waitFor({ state: 'detached' });
    expect(await field.getAttribute('aria-describedby')).not.toMatch(/advice/);

    // still allowed, once confirmed: without the tick nothing is sent and the box says why; with it the code comes
    await field.fill('alex.work@northwind.example');
    await advice(page).waitFor();
    await page.getByRole('button', { name: 'Email me a code' }).click();
    const confirm = page.getByLabel(/Use this work address/);
    await page
      .getByRole('main')
      .getByText('Tick “Use this work address” to join with it, or type a personal address.')
      .waitFor();
    expect(await confirm.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByTestId('live-assertive').textContent()).toContain('Tick “Use this work address”');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-work');
    expect(await stack.inbox('alex.work@northwind.example')).toHaveLength(0);
    await expectNoAxeViolations(page, 'join page asking to confirm a work address');
    await confirm.check();
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    expect(latestCode(await stack.inbox('alex.work@northwind.example'))).toMatch(/^\d{6}$/);
    await context.close();
  });

  it.each([
    ['phone', true],
    ['desktop', false],
  ])('the sign-in page (%s) warns for a work address and not for a personal one', async (_, phone) => {
    const { context, page } = await newDevice(browser, { phone });
    await page.goto(`${stack.tenantUrl('demo')}/#/sign-in`);
    await waitForHeading(page, 'Sign in');
    const field = page.getByLabel('Your email address');

    await field.fill('sam@example.org');
    expect(await advice(page).count()).toBe(0);

    await field.fill('sam@northwind.example');
    await expectAdviceShown(page);
    expect(await advice(page).textContent()).toContain('sign in with the address you joined with');
    // the sign-in page is shared with staff: they are told to use the work address they were invited at
    expect(await page.getByTestId('work-email-advice-staff').textContent()).toContain(
      'Invited as a line manager, HR admin or coach?',
    );
    await expectNoAxeViolations(page, 'sign-in page with the work-address advice');

    await field.fill('sam@gmail.example');
    await advice(page).waitFor({ state: 'detached' });
    expect(await page.getByTestId('work-email-advice-staff').count()).toBe(0);
    await context.close();
  });

  it('an HR admin at the work domain sees the advice for staff on the sign-in page and signs in with the work address', async () => {
    const { context, page } = await newDevice(browser, { phone: false });
    await page.goto(`${stack.tenantUrl('demo')}/#/sign-in`);
    await waitForHeading(page, 'Sign in');
    await page.getByLabel('Your email address').fill('hr@northwind.example');
    await page.getByTestId('work-email-advice-staff').waitFor();
    expect(await page.getByTestId('work-email-advice-staff').textContent()).toContain(
      'Sign in with the work address your invitation was sent to',
    );
    const before = (await stack.inbox('hr@northwind.example')).length;
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    await page.getByLabel('6-digit code').fill(latestCode((await stack.inbox('hr@northwind.example')).slice(before))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'rs_demo')).toBe(true);
    await context.close();
  });
});
