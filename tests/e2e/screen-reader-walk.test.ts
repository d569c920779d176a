// The screen-reader walks in docs/accessibility.md (issue 24), checked: each step's focused element (its role and
// accessible name from Chromium's accessibility tree) and everything the live regions or a new alert say, in order,
// must equal the table in the doc. So the doc cannot drift from what the app does. (This is what the accessibility
// tree exposes, which is what a screen reader reads out; it is not a recording of NVDA or VoiceOver.)
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONNAIRES } from '../../functions/domain/programme/questionnaires/definitions.js';
import { launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let page: Page;
let base: string;
const EMAIL = 'robin.walk@example.net';

/** Collects, in order, every text put into a live region or an element with role=alert. */
const RECORDER = `
  window.__spoken = [];
  window.__docId = Math.random();
  const seen = new WeakMap();
  const say = (el) => {
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim();
    if (text && seen.get(el) !== text) { seen.set(el, text); window.__spoken.push(text); }
  };
  new MutationObserver(() => {
    document.querySelectorAll('[aria-live], [role=alert], [role=status]').forEach(say);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

type Row = { step: string; focus: string; spoken: string };

async function focusDescription(): Promise<string> {
  const snapshot = await page
    .locator(':focus')
    .ariaSnapshot()
    .catch(() => '');
  const first = snapshot.split('\n')[0]?.replace(/^- /, '').replace(/:$/, '').trim();
  return first || '(page)';
}

async function spokenSince(mark: number): Promise<string[]> {
  await page.waitForTimeout(1700); // the polite region is throttled to one message per 1.5 s
  return page.evaluate((m) => ((window as Recorded).__spoken ?? []).slice(m), mark);
}

type Recorded = { __spoken?: string[]; __docId?: number };
const recorder = () =>
  page.evaluate(() => ({ docId: (window as Recorded).__docId, count: (window as Recorded).__spoken?.length ?? 0 }));

/** One step of a walk. A step that loads a new document starts from that document's (empty) recording. */
async function step(name: string, act: () => Promise<void>, rows: Row[]) {
  const before = await recorder();
  await act();
  const after = await recorder();
  // "Loading…" placeholders, shown only while a page's code arrives, come and go with the machine's speed: left out.
  const spoken = (await spokenSince(after.docId === before.docId ? before.count : 0)).filter((t) => t !== 'Loading…');
  rows.push({ step: name, focus: await focusDescription(), spoken: spoken.join(' / ') || '—' });
}

/** The rows of the table under `## <title>` in docs/accessibility.md. */
function documentedWalk(title: string): Row[] {
  const doc = readFileSync(new URL('../../docs/accessibility.md', import.meta.url), 'utf8');
  const section = doc.split(`## ${title}`)[1]?.split('\n## ')[0];
  if (!section) throw new Error(`docs/accessibility.md has no "## ${title}"`);
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Step') && !l.startsWith('|---'))
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim().replace(/^`|`$/g, '')),
    )
    .map(([s, focus, spoken]) => ({ step: s!, focus: focus!, spoken: spoken! }));
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  base = stack.tenantUrl('demo');
  const device = await newDevice(browser);
  await device.context.addInitScript(RECORDER);
  page = device.page;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('screen-reader walks (docs/accessibility.md)', () => {
  it('joining and signing in with a code', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    const rows: Row[] = [];
    await step(
      'Open the join link',
      async () => {
        await page.goto(`${base}/#/join/${token}`);
        await waitForHeading(page, 'Welcome to Respite');
      },
      rows,
    );
    await step(
      'Press "Email me a code" with the field empty',
      () => page.getByRole('button', { name: 'Email me a code' }).press('Enter'),
      rows,
    );
    await step(
      'Type the address, press "Email me a code"',
      async () => {
        await page.getByLabel('Your email address').fill(EMAIL);
        await page.getByRole('button', { name: 'Email me a code' }).press('Enter');
        await page.getByLabel('6-digit code').waitFor();
      },
      rows,
    );
    await step(
      'Type a wrong code, press "Continue"',
      async () => {
        const sent = latestCode(await stack.inbox(EMAIL))!;
        await page.getByLabel('6-digit code').fill(sent === '000000' ? '111111' : '000000');
        await page.getByRole('button', { name: 'Continue' }).press('Enter');
      },
      rows,
    );
    await step(
      'Type the right code, press "Continue"',
      async () => {
        await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(EMAIL))!);
        await page.getByRole('button', { name: 'Continue' }).press('Enter');
        await page
          .getByRole('heading', { level: 1 })
          .filter({ hasText: /^Welcome/ })
          .waitFor();
      },
      rows,
    );
    expect(rows).toEqual(documentedWalk('Joining and signing in with a code'));
  });

  it('PHQ-9 with thoughts of self-harm: the crisis result', async () => {
    const rows: Row[] = [];
    await step(
      'Open the PHQ-9 check-in',
      async () => {
        await page.goto(`${base}/#/check-ins/phq9`);
        await waitForHeading(page, 'PHQ-9');
      },
      rows,
    );
    const def = QUESTIONNAIRES.phq9;
    await step(
      'Answer all nine, item 9 "Several days"',
      async () => {
        const questions = page.locator('fieldset.question');
        for (let i = 0; i < 9; i++)
          await questions
            .nth(i)
            .getByLabel(def.options.find((o) => o.value === (i === 8 ? 1 : 0))!.label, { exact: true })
            .check();
      },
      rows,
    );
    await step('Press "See my score"', () => page.getByRole('button', { name: 'See my score' }).press('Enter'), rows);
    const described = await page.evaluate(() =>
      (document.activeElement?.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' / '),
    );
    rows.push({ step: 'Then read as its description', focus: '—', spoken: described });
    await step('Tab', () => page.keyboard.press('Tab'), rows);
    expect(rows).toEqual(documentedWalk('PHQ-9 with thoughts of self-harm: the crisis result'));
  });
});
