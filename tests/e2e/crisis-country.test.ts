// Crisis resources by country in Chromium: the public "Need help now?" page switches country on the device (phone
// and desktop, axe clean), shows every country on request, and a signed-in employee's choice reaches their account
// and the PHQ-9 crisis panel.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONNAIRES } from '../../functions/domain/programme/questionnaires/definitions.js';
import { deviceFor, expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let base: string;
let inviteToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  base = stack.tenantUrl('demo');
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const main = (page: Page) => page.getByRole('main');
const link = (page: Page, name: string) => main(page).getByRole('link', { name, exact: true });

describe('Need help now? before sign-in', () => {
  for (const phone of [true, false]) {
    it(`switches country on this device and shows every country on request (${phone ? '390 px' : 'desktop'})`, async () => {
      const { context, page } = await newDevice(browser, { phone });
      await page.goto(`${base}/#/help`);
      await waitForHeading(page, 'Need help now?');
      // The organisation's country (GB) first, emergency number first.
      await link(page, '999').waitFor();
      expect(await main(page).getByRole('link').first().textContent()).toBe('999');
      await expectNoAxeViolations(page, 'help page, organisation default');

      await main(page).getByLabel('Country').selectOption({ label: 'Sweden' });
      await main(page).getByText('Showing services in Sweden. This is remembered on this device only.').waitFor();
      await main(page).getByRole('heading', { name: 'Mind Självmordslinjen' }).waitFor();
      expect(await main(page).getByRole('link').first().textContent()).toBe('112');
      expect(await link(page, '90101').getAttribute('href')).toBe('tel:90101');
      expect(await link(page, '999').count()).toBe(0);

      // Remembered on the device (the page is offered offline, so no request is needed to switch)
      await page.reload();
      await waitForHeading(page, 'Need help now?');
      await link(page, '90101').waitFor();
      expect(await main(page).getByLabel('Country').inputValue()).toBe('SE');

      const toggle = main(page).getByRole('button', { name: 'Show every country' });
      await toggle.click();
      for (const country of ['United Kingdom', 'Ireland', 'Finland', 'Norway'])
        await main(page).getByRole('heading', { level: 2, name: country, exact: true }).waitFor();
      expect(
        await main(page).getByRole('button', { name: 'Hide the other countries' }).getAttribute('aria-expanded'),
      ).toBe('true');
      await link(page, '1800 247 247').waitFor();
      await link(page, '22 40 00 40').waitFor();
      await expectNoAxeViolations(page, 'help page, every country');
      await page.screenshot({ path: `/tmp/respite-help-countries-${phone ? 'phone' : 'desktop'}.png`, fullPage: true });
      await context.close();
    });
  }
});

describe("a signed-in employee's country", () => {
  it('is saved to their account and the PHQ-9 crisis panel shows that country', async () => {
    const client = await stack.signIn('nora.oslo@example.net', { inviteToken });
    const { context, page } = await deviceFor(browser, stack, client, { phone: true });
    await page.goto(`${base}/#/help`);
    await waitForHeading(page, 'Need help now?');
    await link(page, '999').waitFor();
    await main(page).getByLabel('Country').selectOption({ label: 'Norway' });
    await main(page).getByText('Showing services in Norway. Saved to your account.').waitFor();
    expect((await client.get('/api/account/country')).body).toMatchObject({ country: 'NO', chosen: true });

    await page.goto(`${base}/#/check-ins/phq9`);
    await waitForHeading(page, 'PHQ-9');
    const questions = page.locator('fieldset.question');
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    for (let i = 0; i < values.length; i++) {
      const label = QUESTIONNAIRES.phq9.options.find((o) => o.value === values[i])!.label;
      await questions.nth(i).getByLabel(label, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'See my score' }).click();
    const panel = main(page).locator('section.crisis-panel');
    await panel.getByRole('heading', { name: "You don't have to face this alone" }).waitFor();
    expect(await panel.getByRole('link').allTextContents()).toEqual(['113', '116 117', '116 123', '22 40 00 40']);
    await panel.getByRole('heading', { name: 'Kirkens SOS' }).waitFor();
    await expectNoAxeViolations(page, 'PHQ-9 crisis panel, Norway');
    await page.screenshot({ path: '/tmp/respite-phq9-crisis-norway.png', fullPage: true });
    await context.close();
  });
});
