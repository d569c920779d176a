// Accessible beyond axe (issue 24, and 16 items 1, 6, 8): keyboard focus and the accessibility tree on the paths
// where axe sees nothing wrong — the PHQ-9 crisis result, sign-in, route changes, quick-hide, the course's
// captions-only listen, 320 px reflow and the phone navigation, forced colours, reduced motion and the WHO-5 flag.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import type { ExerciseSection } from '../../functions/domain/programme/content/schema.js';
import { QUESTIONNAIRES, type QuestionnaireId } from '../../functions/domain/programme/questionnaires/definitions.js';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let page: Page;
let base: string;
const EMAIL = 'sam.keyboard@example.net';

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.textContent ?? '').trim().slice(0, 60)}`
      : 'none';
  });

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
/** A part's button in the module's list of parts (its name is its number, then its title). */
const partButton = (title: string) =>
  page
    .getByRole('navigation', { name: 'Parts of this module' })
    .getByRole('button', { name: new RegExp(`^\\d+ ${escapeRegExp(title)}$`) });

async function answer(id: QuestionnaireId, values: number[]) {
  const def = QUESTIONNAIRES[id];
  const questions = page.locator('fieldset.question');
  for (let i = 0; i < values.length; i++)
    await questions
      .nth(i)
      .getByLabel(def.options.find((o) => o.value === values[i])!.label, { exact: true })
      .check();
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  base = stack.tenantUrl('demo');
  ({ page } = await newDevice(browser));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('keyboard and screen reader', () => {
  it('sign-in: the email button explains itself instead of staying disabled; a pasted code with spaces is kept whole', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    await page.goto(`${base}/#/join/${token}`);
    await waitForHeading(page, 'Welcome to Respite');
    const send = page.getByRole('button', { name: 'Email me a code' });
    expect(await send.getAttribute('aria-disabled')).toBeNull(); // not disabled while the field is empty
    await send.click();
    await page.getByRole('main').getByText('Enter your email address, like name@example.com.').waitFor();
    const email = page.getByLabel('Your email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByTestId('live-assertive').textContent()).toContain('Enter your email address');
    await email.fill(EMAIL);
    await send.click();
    const code = page.getByLabel('6-digit code');
    await code.waitFor();
    const sent = latestCode(await stack.inbox(EMAIL))!;
    await code.fill(`    ${sent}`); // as pasted from the plain-text email
    expect(await code.inputValue()).toBe(sent);
    await expectNoAxeViolations(page, 'code step');
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForHeading(page, /^Welcome( back)?$/);
  });

  it("a link inside main moves focus to the new page's h1 once the lazy page has rendered", async () => {
    await page.getByRole('main').getByRole('link', { name: 'See all modules' }).click();
    await waitForHeading(page, 'Your course');
    await expect.poll(focused).toBe('h1#page-title:Your course');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
    await expect.poll(focused).toMatch(/^h1#page-title:/);
  });

  it('PHQ-9 with item 9 "Several days": the crisis panel takes focus, is described, and comes before the score', async () => {
    await page.goto(`${base}/#/check-ins/phq9`);
    await waitForHeading(page, 'PHQ-9');
    await answer('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await expect.poll(focused).toBe("h2#crisis-title:You don't have to face this alone");
    const desc = await page.evaluate(() => {
      const h = document.activeElement!;
      return (h.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    });
    expect(desc).toMatch(/thoughts that you would be better off dead/);
    expect(desc).toMatch(/please talk to someone now/);
    const tree = await page.getByRole('main').ariaSnapshot();
    expect(tree.indexOf("You don't have to face this alone")).toBeGreaterThan(-1);
    expect(tree.indexOf("You don't have to face this alone")).toBeLessThan(tree.indexOf('Your PHQ-9 score'));
    await expectNoAxeViolations(page, 'PHQ-9 crisis result');
  });

  it('an incomplete check-in focuses the first unanswered question, whose error is tied to it', async () => {
    await page.goto(`${base}/#/check-ins/gad7`);
    await waitForHeading(page, 'GAD-7');
    await page.getByRole('button', { name: 'See my score' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q0');
    const first = page.locator('input[name="q0"]').first();
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await first.getAttribute('aria-describedby')}`).textContent()).toBe(
      'Please choose an answer.',
    );
  });

  it('WHO-5 [5,5,3,0,0] scores 52 and shows the poor-wellbeing flag with the guidance', async () => {
    await page.goto(`${base}/#/check-ins/who5`);
    await waitForHeading(page, 'WHO-5');
    await answer('who5', [5, 5, 3, 0, 0]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await page.getByTestId('score-flag').waitFor();
    expect(await page.getByTestId('score').textContent()).toMatch(/52/);
    expect(await page.getByTestId('score-flag').textContent()).toMatch(/talking to your GP/);
    await expect.poll(focused).toMatch(/^h2#result-title/);
    await expectNoAxeViolations(page, 'WHO-5 flagged result');
  });

  it('quick-hide inerts the page: Esc in a textarea hides, Tab reaches nothing behind, Esc returns focus', async () => {
    await page.goto(`${base}/#/diary/new/stress`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const box = page.locator('main textarea').first();
    await box.waitFor();
    await box.focus();
    await page.keyboard.press('Escape');
    await page.locator('.quick-hide').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('quick-hide');
    expect(
      await page.evaluate(() => (document.querySelector('.app-frame') as HTMLElement & { inert: boolean }).inert),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.app-frame'))).toBe(false);
    await page.keyboard.press('Escape');
    await page.locator('.quick-hide').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  });

  it('captions-only listen, then Next, keeps the course working (no blank screen)', async () => {
    const m1 = MODULES[0]!;
    // a reading part (its "Listen to this part" player) followed by another part, both found by their titles
    const at = m1.sections.findIndex((s, i) => s.kind === 'reading' && i + 1 < m1.sections.length);
    const [reading, after] = [m1.sections[at]!, m1.sections[at + 1]!];
    await page.goto(`${base}/#/course/${m1.id}`);
    await waitForHeading(page, `Module 1: ${m1.title}`);
    const start = page.getByRole('button', { name: 'Start module' });
    if (await start.count()) await start.click();
    await partButton(reading.title).click();
    await page.getByRole('heading', { level: 2, name: reading.title, exact: true }).waitFor();
    await page.getByLabel('Captions only, no sound').check({ force: true });
    await page.getByRole('button', { name: 'Listen to this part' }).click();
    await page.waitForTimeout(3500);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: after.title, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Need help now?' }).isVisible()).toBe(true);
    await expect.poll(focused).toMatch(/^h2#section-title/);
  });
});

describe('reflow, phone navigation, forced colours and reduced motion', () => {
  for (const width of [320, 390, 768]) {
    it(`at ${width} px nothing is cut off: no horizontal scroll, every nav page reachable from the bottom bar or More`, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/#/`);
      await waitForHeading(page, /^Welcome( back)?$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const clipped = await nav
        .locator('a, summary')
        .evaluateAll((els) =>
          els
            .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'none')
            .map((e) => e.textContent),
        );
      expect(clipped).toEqual([]);
      await nav.getByText('More', { exact: true }).click();
      const all = await nav.getByRole('link').allTextContents();
      for (const label of [
        'Home',
        'Course',
        'Diary',
        'Check-ins',
        'Library',
        'Messages',
        'Return to work',
        'Reminders',
        'Your data',
      ])
        expect(all).toContain(label);
      await expectNoAxeViolations(page, `home at ${width} px with More open`);
      await page.keyboard.press('Escape'); // closes the menu, not the screen
      expect(await page.locator('.quick-hide').count()).toBe(0);
      expect(await nav.locator('details').getAttribute('open')).toBeNull();
      await page.screenshot({ path: `/tmp/a11y-home-${width}.png`, fullPage: true });
    });
  }

  it('forced colours: the chosen 0–10 chip and the current part differ from the rest by a system colour', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    const m1 = MODULES[0]!;
    // the first exercise with a 0–10 scale, opened from the list of parts by its title
    const ex = m1.sections.find(
      (s): s is ExerciseSection => s.kind === 'exercise' && s.fields.some((f) => f.type === 'scale'),
    );
    if (!ex) throw new Error('module 1 needs an exercise with a 0–10 scale');
    const scale = ex.fields.find((f) => f.type === 'scale')!;
    await page.goto(`${base}/#/course/${m1.id}`);
    await waitForHeading(page, `Module 1: ${m1.title}`);
    await partButton(ex.title).click();
    const chips = page.getByRole('group', { name: scale.label }).locator('.chip');
    await chips.first().waitFor();
    await chips.nth(6).locator('input').check({ force: true });
    const bg = (i: number) =>
      chips
        .nth(i)
        .locator('span')
        .evaluate((s) => getComputedStyle(s).backgroundColor);
    expect(await bg(6)).not.toBe(await bg(5));
    const current = page.locator(".section-nav__item[aria-current='step']");
    const other = page.locator('.section-nav__item:not([aria-current])').first();
    expect(await current.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(
      await other.evaluate((b) => getComputedStyle(b).backgroundColor),
    );
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    await expectNoAxeViolations(page, 'exercise in forced colours');
    await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });
});
