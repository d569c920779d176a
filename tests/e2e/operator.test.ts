// The platform operator in Chromium: signs in through the real code flow, changes the coach roster (the old coach
// off, a new one on, a lead coach) and the coaching hours with no redeploy, sees a bad time named by its field, and
// reads service health as numbers only; the next new conversation goes to the new coach, who finds it in their inbox
// as theirs. axe on every page; desktop and phone width.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  newDevice,
  signInInBrowser,
  waitForHeading,
} from '../support/browser.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const OPERATOR = 'operator@respite.example';
const OLD = 'coach@respite.example';
const NEW = 'new.coach@respite.example';
const LEAD = 'lead.coach@respite.example';

let stack: TestStack;
let browser: Browser;
let invite: string;

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [OPERATOR] })] });
  // a Wednesday morning in London: inside the coaching hours
  await stack.clock({ advanceMs: Date.parse('2027-03-10T10:00:00Z') - Date.now() });
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  await stack.signIn(OLD); // the seed's coach is on the team before the change
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the operator (browser)', () => {
  it('changes the roster and the hours; the next new conversation goes to the new coach', async () => {
    const { page } = await newDevice(browser);
    await signInInBrowser(page, stack, OPERATOR);
    await waitForHeading(page, 'Operator console');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coaches and hours' }).click();
    await waitForHeading(page, 'Coaching service');
    await page.getByRole('main').getByText('These are the starting settings').waitFor();
    await expectNoAxeViolations(page, 'operator: coaches and hours (seed)');

    // the old coach off, two new ones on, one of them a lead coach
    await page.getByRole('button', { name: `Remove ${OLD} from the roster` }).click();
    for (const email of [NEW, LEAD]) {
      await page.getByLabel('Add a coach').fill(email);
      await page.getByRole('button', { name: 'Add to the list' }).click();
    }
    await page.getByRole('checkbox', { name: `Lead coach (${LEAD})` }).check();
    await page.getByRole('button', { name: 'Save the roster' }).click();
    await page.getByRole('main').getByText('The roster is saved.').waitFor();
    const roster = page.getByRole('list', { name: 'Coaches on the roster' });
    expect(await roster.locator('li > span:first-child').allTextContents()).toEqual([NEW, LEAD]);

    // a bad time is named by its field; then the hours are saved
    await page.getByLabel('End', { exact: true }).fill('08:00');
    await page.getByRole('button', { name: 'Save the hours' }).click();
    await page.getByRole('main').getByText('must end after it starts').waitFor();
    expect(await page.getByLabel('End', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'operator: hours with an error');
    await page.getByLabel('End', { exact: true }).fill('17:30');
    await page.getByRole('button', { name: 'Save the hours' }).click();
    await page.getByRole('main').getByText('The coaching hours are saved.').waitFor();
    await page
      .getByRole('main')
      .getByText(/^Last changed /)
      .waitFor();
    await page.screenshot({ path: '/tmp/operator-service.png', fullPage: true });

    // the new coach can sign in at once; the next new conversation is theirs
    const newCoach: ApiClient = await stack.signIn(NEW);
    await stack.clock({ advanceMs: 60_000 }); // the new coach's account is the earliest on the new roster
    await stack.signIn(LEAD);
    const person = await stack.signIn('pat.operator@example.org', { inviteToken: invite });
    expect((await person.post('/api/coaching/messages', { id: 'op-e2e-1', text: 'Hello, can we talk?' })).status).toBe(
      201,
    );
    const coach = await newDevice(browser);
    await coach.context.addCookies(
      [...newCoach.cookies].map(([name, value]) => ({
        name,
        value,
        domain: new URL(stack.tenantUrl('demo')).hostname,
        path: '/',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict' as const,
      })),
    );
    await coach.page.goto(`${stack.tenantUrl('demo')}/#/coach/inbox`);
    await waitForHeading(coach.page, 'Inbox');
    await coach.page.getByRole('heading', { name: 'Waiting for a reply (1)' }).waitFor();
    await coach.page.locator('.inbox li').first().getByText('Yours', { exact: true }).waitFor();

    // service health: numbers only, small counts as "fewer than 5"
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service health' }).click();
    await waitForHeading(page, 'Service health');
    const figures = page.getByRole('main').locator('.op-figures');
    await figures.getByText('fewer than 5').first().waitFor();
    expect(await figures.getByText('fewer than 5').count()).toBe(4);
    expect(await page.getByRole('main').textContent()).not.toMatch(/Conversation|@|talk/);
    await expectNoAxeViolations(page, 'operator: service health');
    await page.screenshot({ path: '/tmp/operator-health.png', fullPage: true });
  });

  it('works at phone width', async () => {
    const { page } = await newDevice(browser, { phone: true });
    await signInInBrowser(page, stack, OPERATOR);
    await page.goto(`${stack.tenantUrl('demo')}/#/operator/service`);
    await waitForHeading(page, 'Coaching service');
    await page.getByRole('list', { name: 'Coaches on the roster' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page, 'operator: coaches and hours (phone)');
    await page.screenshot({ path: '/tmp/operator-phone.png', fullPage: true });
  });
});
