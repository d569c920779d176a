// What the a11y e2e suites check on a page beyond axe (issue 24): focus after a route change, the one live-region
// pattern, quick-hide as a modal, 320 px / 400 % reflow, forced colours and reduced motion. Each check returns the
// problems it found (readable strings), so a table-driven test can say which page broke which rule.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The focused element as `tag#id:text` (what a screen reader would land on). */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.textContent ?? '').trim().slice(0, 60)}`;
  });

/**
 * Moves to `path` inside the app (a hash change, as a link does) and waits until focus is on the new page's h1 —
 * not the old one's, and not the loading line of a lazily loaded page. Returns the h1's text.
 */
export async function goAndExpectH1Focus(page: Page, path: string): Promise<string> {
  await page.evaluate((to) => {
    document.getElementById('page-title')?.setAttribute('data-old-page', '');
    window.location.hash = `#${to}`;
  }, path);
  let seen = '';
  await expect
    .poll(
      async () =>
        (seen = await page.evaluate(() => {
          const el = document.activeElement;
          if (el?.id !== 'page-title' || el.hasAttribute('data-old-page')) return `not h1: ${el?.tagName}`;
          return `h1:${el.textContent}`;
        })),
      { timeout: 15_000, message: `focus on the h1 of ${path}` },
    )
    .toMatch(/^h1:./);
  return seen.slice(3);
}

/** Waits until no loading line is left in main (pages fetch their data after rendering their h1). */
export async function waitForLoaded(page: Page): Promise<void> {
  await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** Every live region in the document other than the app's two (a region added with its text is often skipped). */
export const extraLiveRegions = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')]
      // captions are the words of a practice, each line spoken as it appears (throttling would drop lines)
      .filter((el) => el.id !== 'live-polite' && el.id !== 'live-assertive' && !el.matches('.caption'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 40)}`),
  );

/** Esc hides the screen as a modal: the page behind is inert, Tab stays out of it, Esc again returns focus. */
export async function expectQuickHideIsModal(page: Page, label: string): Promise<void> {
  const before = await focused(page);
  await page.keyboard.press('Escape');
  await page.locator('.quick-hide').waitFor();
  const state = () =>
    page.evaluate(() => ({
      inert: (document.querySelector('.app-frame') as (HTMLElement & { inert: boolean }) | null)?.inert ?? false,
      focusBehind: !!document.activeElement?.closest('.app-frame'),
    }));
  expect(await state(), `${label}: hidden`).toEqual({ inert: true, focusBehind: false });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  expect(await state(), `${label}: after Tab`).toEqual({ inert: true, focusBehind: false });
  await page.keyboard.press('Escape');
  await page.locator('.quick-hide').waitFor({ state: 'detached' });
  expect(await focused(page), `${label}: focus back where it was`).toBe(before);
}

/**
 * Reflow (WCAG 1.4.10): nothing sticks out of the viewport sideways (content in a scrolling box, such as a table's
 * TableScroll, may scroll inside it), the page never scrolls sideways, and no navigation link is clipped or has a
 * word broken across lines.
 */
export const reflowProblems = (page: Page) =>
  page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(`page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll('body *')) {
      // a data table may scroll inside its own box (TableScroll); nothing else may, the navigation included
      if (el.closest('.visually-hidden, .skip-link, svg, .quick-hide') || el.parentElement?.closest('.table-scroll'))
        continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || !el.checkVisibility()) continue; // (a closed <details> keeps old boxes)
      if (r.right > width + 1 || r.left < -1)
        problems.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
    }
    const items = [...document.querySelectorAll('nav[aria-label="Main"] a, nav[aria-label="Main"] summary')].filter(
      (a) => a.getBoundingClientRect().width > 0 && a.checkVisibility(), // not in the closed More menu
    );
    for (const a of items) {
      if (a.scrollWidth > a.clientWidth + 1) problems.push(`nav ${name(a)} is clipped`);
      // its words inside its own box, and no two items on top of each other ("Departments" under "More")
      const box = a.getBoundingClientRect();
      for (const b of items) {
        const other = b.getBoundingClientRect();
        if (
          a !== b &&
          !a.contains(b) &&
          !b.contains(a) &&
          box.left < other.right - 1 &&
          other.left < box.right - 1 &&
          box.top < other.bottom - 1 &&
          other.top < box.bottom - 1
        )
          problems.push(`nav ${name(a)} overlaps ${name(b)}`);
      }
      // every word of the label on one line: "Check-ins" is never "Check-" and "ins"
      let previous: DOMRect | undefined; // the word before, to see a space between the two on one line
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
        if (text.parentElement?.closest('.visually-hidden')) continue;
        for (const m of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const rects = [...range.getClientRects()];
          if (new Set(rects.map((r) => Math.round(r.top))).size > 1)
            problems.push(`nav ${name(a)}: "${m[0]}" is broken across lines`);
          if (rects.some((r) => r.left < box.left - 1 || r.right > box.right + 1))
            problems.push(`nav ${name(a)}: "${m[0]}" sticks out of its box`);
          const first = rects[0];
          if (first && previous && Math.abs(first.top - previous.top) < 2 && first.left - previous.right < 2)
            problems.push(`nav ${name(a)}: "${m[0]}" runs into the word before`);
          previous = rects.at(-1);
        }
      }
    }
    return [...new Set(problems)].slice(0, 10);
  });

/** Reduced motion: no element (nor its ::before/::after) animates or transitions, and scrolling is not smooth. */
export const motionProblems = (page: Page) =>
  page.evaluate(() => {
    const problems: string[] = [];
    const moving = (s: CSSStyleDeclaration) =>
      (s.animationName !== 'none' && s.animationDuration.split(',').some((d) => Number.parseFloat(d) > 0)) ||
      s.transitionDuration.split(',').some((d) => Number.parseFloat(d) > 0);
    for (const el of document.querySelectorAll('*'))
      for (const pseudo of [null, '::before', '::after'])
        if (moving(getComputedStyle(el, pseudo)))
          problems.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''} moves`);
    if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') problems.push('smooth scrolling');
    return problems.slice(0, 10);
  });

/**
 * Forced colours: state shown by something a high-contrast theme keeps (a system colour, a border, an underline),
 * compared between a control in the state and one not in it; and chart text drawn in the theme's text colour.
 */
export const stateStyle = (page: Page, target: string | Locator) =>
  (typeof target === 'string' ? page.locator(target) : target).evaluate((el) => {
    const s = getComputedStyle(el);
    return [
      s.color,
      s.backgroundColor,
      s.borderTopColor,
      s.borderBottomColor,
      s.borderTopWidth,
      s.borderBottomWidth,
      s.textDecorationLine,
      s.outlineStyle,
    ].join(' ');
  });

/** SVG text whose fill is not the theme's text colour (it may vanish on a dark high-contrast theme). */
export const chartTextProblems = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'CanvasText';
    document.body.append(probe);
    const text = getComputedStyle(probe).color;
    probe.remove();
    return [...document.querySelectorAll('svg text')]
      .filter((t) => getComputedStyle(t).fill !== text)
      .map((t) => `svg text.${t.getAttribute('class')} "${t.textContent}" fill ${getComputedStyle(t).fill}`)
      .slice(0, 5);
  });
