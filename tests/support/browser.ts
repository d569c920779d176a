// Browser harness for e2e tests: Chromium (the system one, else the registry's) through playwright-core, with no outside network, plus an axe check.
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from '../../scripts/lib/tooling.js';
import { type ApiClient, latestCode, type TestStack } from './stack.js';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
    ],
  });
}

/** A fresh "device": its own cookies and storage. Phone-sized when asked. */
export async function newDevice(
  browser: Browser,
  /** serviceWorkers 'block': for tests that fake the network with page.route, which cannot see a worker's requests. */
  opts: { phone?: boolean; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...(opts.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1280, height: 900 } }),
    serviceWorkers: opts.serviceWorkers ?? 'allow',
  });
  const page = await context.newPage();
  return { context, page };
}

/** A fresh device already signed in with the session of an API client that signed in through the real code flow. */
export async function deviceFor(
  browser: Browser,
  stack: TestStack,
  client: ApiClient,
  opts: { phone?: boolean; slug?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const device = await newDevice(browser, opts);
  const url = new URL(stack.tenantUrl(opts.slug ?? 'demo'));
  await device.context.addCookies(
    [...client.cookies].map(([name, value]) => ({
      name,
      value,
      domain: url.hostname,
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict' as const,
    })),
  );
  return device;
}

/** Fails the test with a readable list when axe finds any WCAG 2.0/2.1/2.2 A or AA violation on the page. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Waits until the page's heading is rendered (lazy pages load after the shell). */
export async function waitForHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 15_000 });
}

/** Signs `email` in through the real sign-in page, reading the code from the local SES inbox. */
export async function signInInBrowser(page: Page, stack: TestStack, email: string, slug = 'demo'): Promise<void> {
  await page.goto(`${stack.tenantUrl(slug)}/#/sign-in`);
  await waitForHeading(page, 'Sign in');
  const before = (await stack.inbox(email)).length;
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  // The code email can land after another one sent just before (a staff invitation): wait for one with a code.
  let code: string | undefined;
  await expect
    .poll(async () => (code = latestCode((await stack.inbox(email)).slice(before))), { timeout: 15_000 })
    .toMatch(/^\d{6}$/);
  await page.getByLabel('6-digit code').fill(code!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('6-digit code').waitFor({ state: 'detached' }); // signed in: the session cookie is set
}
