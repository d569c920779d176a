// The employer console in Debian Chromium: HR opens the launch kit, downloads the QR code and the poster, publishes a
// permission statement, adds a department and invites a manager; the manager sends an endorsement that lands in the
// local SES inbox with one-click unsubscribe headers; the employee's home shows the new statement. axe on every page.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  launchBrowser,
  newDevice,
  signInInBrowser,
  waitForHeading,
} from '../support/browser.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
const STATEMENT = 'You may use Respite for up to one hour a week in work time.';

async function waitForMail(
  to: string,
): Promise<(Awaited<ReturnType<TestStack['inbox']>>[number] & { headers?: { name: string; value: string }[] })[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = await stack.inbox(to);
    if (mails.length > 0 || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('employer console (browser)', () => {
  it('HR: launch kit with QR downloads, poster, permission statement, departments and a manager invitation', async () => {
    const { context, page } = await newDevice(browser);
    await signInInBrowser(page, stack, 'hr@northwind.example');
    await page.getByRole('heading', { name: 'Launch Respite' }).waitFor();
    await page.getByRole('link', { name: /Launch kit: QR code/ }).click();

    await waitForHeading(page, 'Launch kit');
    await page.getByRole('img', { name: 'QR code that opens the invite link' }).waitFor();
    await expectNoAxeViolations(page, 'launch kit');
    const inviteUrl = (await page.getByTestId('kit-invite-url').textContent())!;
    expect(inviteUrl).toMatch(/#\/join\/[\w-]{20,}$/);
    expect(await page.getByLabel('Message').inputValue()).toContain(inviteUrl);

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download QR code (PNG)' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('respite-invite-qr.png');
    expect((await readFile((await png.path())!)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download QR code (SVG)' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('respite-invite-qr.svg');
    expect((await readFile((await svg.path())!, 'utf8')).startsWith('<svg')).toBe(true);

    await page.getByRole('checkbox', { name: 'Print posters for staff rooms and notice boards' }).check();
    await page
      .getByText(/^done /)
      .first()
      .waitFor();
    await page.screenshot({ path: '/tmp/employer-launch-kit.png', fullPage: true });

    await page.getByRole('link', { name: 'Open the printable A4 poster' }).click();
    await waitForHeading(page, 'Poster');
    await page.getByRole('article', { name: 'Poster preview' }).waitFor();
    await expectNoAxeViolations(page, 'poster');
    const [poster] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download poster' }).click(),
    ]);
    expect(poster.suggestedFilename()).toBe('respite-poster.html');
    const posterHtml = await readFile((await poster.path())!, 'utf8');
    expect(posterHtml).toContain('Northwind Logistics');
    expect(posterHtml).toContain('@page');
    expect(posterHtml).toContain('data:image/svg+xml');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: '/tmp/employer-poster-print.png', fullPage: true });
    expect(await page.getByRole('button', { name: 'Download poster' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1, name: 'Poster' }).isVisible()).toBe(false);
    expect(await page.getByRole('article', { name: 'Poster preview' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${stack.tenantUrl('demo')}/#/employer/permission`);
    await waitForHeading(page, 'Work-time permission');
    await page.getByRole('button', { name: 'Publish statement' }).waitFor();
    await expectNoAxeViolations(page, 'permission statement');
    await page.getByLabel('Statement', { exact: true }).fill(STATEMENT);
    await page.getByRole('button', { name: 'Publish statement' }).click();
    await page.getByRole('main').getByText('Published. Employees now see version 2.').waitFor();
    await page
      .getByRole('main')
      .getByText(/^Version 2, .*\(current\)$/)
      .waitFor();
    expect(await page.locator('.history li').count()).toBe(2);
    await page.screenshot({ path: '/tmp/employer-permission.png', fullPage: true });

    await page.goto(`${stack.tenantUrl('demo')}/#/employer/departments`);
    await waitForHeading(page, 'Departments');
    await page.getByRole('cell', { name: 'Warehouse', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'departments');
    const add = page.locator('form').last();
    await add.getByLabel('Name').fill('warehouse');
    await add.getByLabel('Headcount').fill('30');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('main').getByText('is already the name of another department').waitFor();
    await expectNoAxeViolations(page, 'departments with an error');
    await add.getByLabel('Name').fill('Fleet Maintenance');
    await add.getByLabel('Headcount').fill('-3');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('main').getByText('cannot be below zero').waitFor();
    await add.getByLabel('Headcount').fill('24');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('cell', { name: 'Fleet Maintenance', exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/employer-departments.png', fullPage: true });

    await page.goto(`${stack.tenantUrl('demo')}/#/employer/managers`);
    await waitForHeading(page, 'Line managers');
    await expectNoAxeViolations(page, 'managers');
    await page.getByLabel("Manager's work email").fill('team.lead@northwind.example');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('main').getByText('Invitation sent to team.lead@northwind.example.').waitFor();
    expect(await waitForMail('team.lead@northwind.example')).toHaveLength(1);
    await context.close();
  });

  it('manager on a phone: an endorsement with a malformed line is refused, then sent once with unsubscribe headers', async () => {
    const { context, page } = await newDevice(browser, { phone: true });
    await signInInBrowser(page, stack, 'team.lead@northwind.example');
    await page.getByRole('heading', { name: "Tell your team it's OK" }).waitFor();
    await page.getByRole('link', { name: 'Write a message to your team' }).click();
    await waitForHeading(page, 'Message your team');
    await page.getByLabel('Team email addresses').waitFor();
    await expectNoAxeViolations(page, 'endorsement composer');
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toContain(STATEMENT);

    await page
      .getByLabel('Team email addresses')
      .fill('ria@team.example\nsol at team.example\nTOM@team.example, ria@team.example');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('main').getByText('Line 2: "sol at team.example" is not an email address').waitFor();
    await expectNoAxeViolations(page, 'endorsement with a malformed line');

    await page
      .getByLabel('Team email addresses')
      .fill('ria@team.example\nsol@team.example\nTOM@team.example, ria@team.example');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    await expectNoAxeViolations(page, 'endorsement preview');
    await page.screenshot({ path: '/tmp/employer-endorse-preview.png', fullPage: true });
    await page.getByRole('button', { name: 'Send to 3 people' }).dblclick();
    await page.getByRole('main').getByText('3 messages sent.').waitFor();
    expect(await page.getByTestId('messages-sent').textContent()).toBe('3');

    for (const to of ['ria@team.example', 'sol@team.example', 'tom@team.example']) {
      const mails = await waitForMail(to);
      expect(mails, to).toHaveLength(1);
      const headers = Object.fromEntries((mails[0]!.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
      expect(headers['list-unsubscribe']).toMatch(/^<http/);
      expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mails[0]!.body.text).toContain(STATEMENT);
    }
    await expectNoAxeViolations(page, 'endorsement sent');
    await page.screenshot({ path: '/tmp/employer-endorse-sent.png', fullPage: true });
    await context.close();
  });

  it('employee: the home page shows the newly published statement', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const inviteToken = (await hr.get('/api/account/invite-link')).body.token;
    await stack.signIn('uma.home@example.net', { inviteToken });
    const { context, page } = await newDevice(browser, { phone: true });
    await signInInBrowser(page, stack, 'uma.home@example.net');
    await page.getByRole('heading', { name: 'Time for this at work' }).waitFor();
    await page.getByRole('main').getByText(STATEMENT).waitFor();
    await expectNoAxeViolations(page, 'employee home');
    await context.close();
  });
});
