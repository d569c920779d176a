// A module's "try this week" turned into a reminder: "Remind me" in the module on a phone (390 px), the email in the
// local SES inbox at the chosen time (naming the practice in its body, not its subject), then the Reminders page on a
// desktop lists it and cancels it. axe on every state; error and success texts are looked for inside main.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const EMAIL = 'sam.practice@example.net';
const PRACTICE = 'Catch one thought a day';

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.clock({ at: null });
  await stack?.stop();
});

const main = (page: Page) => page.getByRole('main');

describe('practice reminders (browser)', () => {
  it('Remind me on a phone, the email at the chosen time, then listed and cancelled on a desktop', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    await stack.clock({ at: '2026-11-23T12:00:00Z' }); // a Monday

    const phone = await newDevice(browser, { phone: true });
    const page = phone.page;
    await page.goto(`${stack.tenantUrl('demo')}/#/join/${token}`);
    await waitForHeading(page, 'Welcome to Respite');
    await page.getByLabel('Your email address').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').waitFor();
    await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(EMAIL))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForHeading(page, /^Welcome( back)?$/);

    await page.goto(`${stack.tenantUrl('demo')}/#/course/thoughts-and-feelings`);
    await waitForHeading(page, 'Module 2: Thoughts and feelings');
    await page.getByRole('button', { name: 'Start module' }).click();
    await page
      .getByRole('navigation', { name: 'Parts of this module' })
      .getByRole('button', { name: /^\d+ Try this week$/ })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Try this week', exact: true }).waitFor();
    const box = page.getByRole('region', { name: 'Turn this into a reminder' });
    await box.getByText(`“${PRACTICE}”`).waitFor();
    await expectNoAxeViolations(page, 'try this week with Remind me');

    // "Not now" closes it and gives focus back to the button that opened it
    await box.getByRole('button', { name: 'Remind me' }).click();
    await box.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Remind me');
    await box.getByRole('button', { name: 'Remind me' }).click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe('practice-days');
    // no day at all is refused, naming the days
    await box.getByLabel('Tuesday').uncheck();
    await box.getByLabel('Thursday').uncheck();
    await box.getByRole('button', { name: 'Set my reminder' }).click();
    await main(page).getByText('Days: choose at least one day').waitFor();
    await expectNoAxeViolations(page, 'Remind me (error)');
    await box.getByLabel('Wednesday').check();
    await box.getByLabel('Time', { exact: true }).selectOption('07:30');
    await box.getByRole('button', { name: 'Set my reminder' }).click();
    await main(page).getByText('Reminder set: Wednesday at 07:30.').waitFor();
    await expectNoAxeViolations(page, 'Remind me (set)');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/respite-practice-remind-phone.png', fullPage: true });
    await phone.context.close();

    await stack.clock({ at: '2026-11-25T07:30:20Z' });
    await stack.runJob('reminders-tick', { scheduledTime: '2026-11-25T07:30:00Z' }, 'demo');
    await stack.queue('email-demo', 'drain');
    const [mail, ...more] = (await stack.inbox(EMAIL)).filter((m) => !/sign-in/i.test(m.subject));
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Your Respite reminder');
    expect(mail!.body.text).toContain(`This week's practice: ${PRACTICE} (Module 2: Thoughts and feelings).`);

    const desktop = await newDevice(browser);
    await signInInBrowser(desktop.page, stack, EMAIL);
    const d = desktop.page;
    await d.goto(`${stack.tenantUrl('demo')}/#/reminders`);
    await waitForHeading(d, 'Reminders and emails');
    const card = main(d).locator('.rem-practices');
    await card.getByText(PRACTICE).waitFor();
    expect(await card.getByText('Module 2: Thoughts and feelings. Wednesday at 07:30.').count()).toBe(1);
    await expectNoAxeViolations(d, 'reminders page with a practice reminder');
    await d.screenshot({ path: '/tmp/respite-practice-list-desktop.png', fullPage: true });
    await card.getByRole('button', { name: `Cancel the reminder for ${PRACTICE}` }).click();
    await main(d).getByText(`Cancelled the reminder for “${PRACTICE}”.`).waitFor();
    await main(d)
      .getByText(/None yet\./)
      .waitFor();
    await expectNoAxeViolations(d, 'reminders page after cancelling');
    await desktop.context.close();

    await stack.clock({ at: '2026-12-02T07:30:20Z' });
    await stack.runJob('reminders-tick', { scheduledTime: '2026-12-02T07:30:00Z' }, 'demo');
    await stack.queue('email-demo', 'drain');
    expect((await stack.inbox(EMAIL)).filter((m) => !/sign-in/i.test(m.subject))).toHaveLength(1);
  });
});
