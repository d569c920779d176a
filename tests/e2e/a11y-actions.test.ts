// Every action of issue 24 item 2, pressed from the keyboard, and where focus goes after it (the rule in
// docs/accessibility.md: focus stays on the control, or moves to the result or the next step when the control goes
// away — never to <body>); what is announced, through the app's two live regions only (item 6); sign-in with a code
// pasted from the plain-text email (item 7); announcements never follow typing (the character counter, autosave).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import type { ExerciseSection } from '../../functions/domain/programme/content/schema.js';
import { QUESTIONNAIRES } from '../../functions/domain/programme/questionnaires/definitions.js';
import { extraLiveRegions, focused } from '../support/a11y.js';
import { deviceFor, expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { type ApiClient, latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let base: string;
let employee: { context: BrowserContext; page: Page };
let coachApi: ApiClient;
let leaverApi: ApiClient;
let threadId = '';
const EMAIL = 'jo.keys@example.net';
const M1 = MODULES[0]!;
const REFLECTIVE = M1.sections.find((s): s is ExerciseSection => s.kind === 'exercise' && s.reflective)!;

/** Records every message the app's live regions carry, in order, as a screen reader would be given them. */
const RECORD_SPOKEN = () => {
  const w = window as unknown as { __spoken: string[] };
  w.__spoken = [];
  const last: Record<string, string> = {};
  new MutationObserver(() => {
    for (const id of ['live-polite', 'live-assertive']) {
      const text = document.getElementById(id)?.textContent ?? '';
      if (text && text !== last[id]) w.__spoken.push(`${id === 'live-polite' ? 'polite' : 'assertive'}: ${text}`);
      last[id] = text;
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
};
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.splice(0));

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
const partButton = (page: Page, title: string) =>
  page
    .getByRole('navigation', { name: 'Parts of this module' })
    .getByRole('button', { name: new RegExp(`^\\d+ ${escapeRegExp(title)}$`) });

/** Presses a control from the keyboard (focus, then Enter), as a keyboard or screen-reader user does. */
async function press(page: Page, name: string | RegExp) {
  const control = page.getByRole('main').getByRole('button', { name, exact: typeof name === 'string' });
  await control.focus();
  await page.keyboard.press('Enter');
}

async function open(page: Page, path: string) {
  await page.goto(`${base}/#${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
}

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.tenantUrl('demo');
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  const inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
  const jo = await stack.signIn(EMAIL, { inviteToken });
  expect((await jo.post('/api/coaching/messages', { id: 'a11y-actions-1', text: 'Hello coach' })).status).toBe(201);
  leaverApi = await stack.signIn('max.leaving@example.net', { inviteToken });
  coachApi = await stack.signIn('coach@respite.example');
  threadId = (await coachApi.get('/api/coaching/inbox')).body.waiting[0].threadId as string;
  employee = await newDevice(browser);
  await employee.context.addInitScript(RECORD_SPOKEN);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('sign-in (item 7)', () => {
  it('the email button works when the field is empty (and says why not), a code pasted with spaces is kept whole', async () => {
    const { page } = employee;
    await page.goto(`${base}/#/sign-in`);
    await waitForHeading(page, 'Sign in');
    expect(await page.locator('main button[aria-disabled="true"], main button[disabled]').count()).toBe(0);
    await press(page, 'Email me a code');
    const email = page.getByLabel('Your email address');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
    const description = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent).join(' '),
      describedBy,
    );
    expect(description).toContain('Enter your email address, like name@example.com.');
    await expect
      .poll(() => spoken(page))
      .toContain('assertive: Your email address: Enter your email address, like name@example.com.');
    await email.fill(EMAIL);
    await press(page, 'Email me a code');
    const code = page.getByLabel('6-digit code');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(/^input/);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).autocomplete)).toBe('one-time-code');
    let sent: string | undefined;
    await expect
      .poll(async () => (sent = latestCode(await stack.inbox(EMAIL))), { timeout: 15_000 })
      .toMatch(/^\d{6}$/);
    // pasted as one piece (an input event with the whole text), as from the plain-text email
    await page.keyboard.insertText('12 34 56 78');
    expect(await code.inputValue()).toBe('123456');
    await code.fill('');
    await page.keyboard.insertText(`    ${sent}`);
    expect(await code.inputValue()).toBe(sent);
    await press(page, 'Continue');
    await waitForHeading(page, /^Welcome( back)?$/);
  });
});

interface Action {
  name: string;
  /** Opens the page and gets the action ready. */
  prepare: (page: Page) => Promise<void>;
  button: string | RegExp;
  /** Where focus must be after the action (`tag#id:text` of the focused element). */
  focus: RegExp;
  /** Something the live regions must have said after it. */
  says?: RegExp;
}

const ACTIONS: Action[] = [
  {
    name: 'check-in "See my score"',
    prepare: async (page) => {
      await open(page, '/check-ins/gad7');
      const questions = page.locator('fieldset.question');
      for (let i = 0; i < QUESTIONNAIRES.gad7.items.length; i++)
        await questions.nth(i).getByLabel(QUESTIONNAIRES.gad7.options[0]!.label, { exact: true }).check();
    },
    button: 'See my score',
    focus: /^h2#result-title/,
  },
  {
    name: 'diary "Save entry" (an existing entry: the form stays)',
    prepare: async (page) => {
      await open(page, '/diary/new/stress');
      await page.getByLabel('What happened?').fill('The van was late again');
      await press(page, 'Save entry');
      await waitForHeading(page, /diary/i);
      await page.getByRole('link', { name: 'Stress diary entry', exact: true }).first().click();
      await page.getByLabel('What helped, even a little?').waitFor();
      await page.getByLabel('What helped, even a little?').fill('A cup of tea');
    },
    button: 'Save entry',
    focus: /^button:Save entry$/,
    says: /^polite: Saved\.$/,
  },
  {
    name: 'return to work "Add a week"',
    prepare: (page) => open(page, '/return-to-work'),
    button: 'Add a week',
    focus: /^button:Add a week$/,
  },
  {
    name: 'return to work "Save my plan"',
    prepare: async () => {},
    button: 'Save my plan',
    focus: /^button:Save my plan$/,
    says: /^polite: Saved\. Only you can see this\.$/,
  },
  {
    name: 'return to work "Remove week 1" (the row goes: focus moves to its card)',
    prepare: async () => {},
    button: 'Remove week 1',
    focus: /^h2.*:Build up your hours$/,
  },
  {
    name: 'messages "Send message"',
    prepare: async (page) => {
      await open(page, '/messages');
      await page.getByLabel('Your message').fill('Thank you for the reply.');
    },
    button: 'Send message',
    focus: /^button:Send message$/,
  },
  {
    name: 'reminders "Save my choices"',
    prepare: (page) => open(page, '/reminders'),
    button: 'Save my choices',
    focus: /^button:Save my choices$/,
    says: /^polite: Saved\./,
  },
  {
    name: 'back to work: a grounding "Start" (focus moves to its Stop)',
    prepare: async (page) => {
      await open(page, `/course/${M1.id}`);
      const start = page.getByRole('button', { name: 'Start module' });
      if (await start.count()) await start.click();
      await partButton(page, REFLECTIVE.title).click();
      await page.getByRole('heading', { level: 2, name: REFLECTIVE.title, exact: true }).waitFor();
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('heading', { name: 'Before you go back to work' }).waitFor();
    },
    button: /^Slow breaths · \d+ seconds$/,
    focus: /^button#grounding-stop:Stop$/,
  },
  {
    name: 'back to work: grounding "Stop" (focus back on the grounding it stopped)',
    prepare: async () => {},
    button: 'Stop',
    focus: /^button#grounding-.+ seconds/,
  },
  {
    name: 'back to work "Park it" (the box goes: focus moves to the result)',
    prepare: async (page) => {
      await page.getByRole('main').getByRole('textbox').fill('Ring the depot about the rota');
    },
    button: 'Park it',
    focus: /^div#parked-result:/,
  },
  {
    name: 'module "Finish module"',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Back to work' }).click();
      await partButton(page, M1.sections.at(-1)!.title).click();
    },
    button: 'Finish module',
    focus: /^h2.*:Module 1 done$/,
  },
];

describe('focus after every action (item 2), keyboard only', () => {
  for (const action of ACTIONS)
    it(action.name, async () => {
      const { page } = employee;
      await action.prepare(page);
      await spoken(page); // forget what preparing said
      await press(page, action.button);
      await expect
        .poll(() => focused(page), { message: 'focus after the action', timeout: 10_000 })
        .toMatch(action.focus);
      // and it stays there once the request has finished
      await page.waitForLoadState('networkidle');
      expect(await focused(page)).toMatch(action.focus);
      expect(await extraLiveRegions(page), 'no live region besides the app’s two').toEqual([]);
      if (action.says)
        await expect
          .poll(() => spoken(page).then((s) => s.join('\n')), { timeout: 10_000 })
          .toMatch(new RegExp(action.says.source, 'm'));
    });

  it('coach "Send reply": focus stays on the button, and "Reply sent." is announced', async () => {
    const { context, page } = await deviceFor(browser, stack, coachApi);
    await context.addInitScript(RECORD_SPOKEN);
    await open(page, `/coach/threads/${threadId}`);
    await page.getByLabel('Your reply').fill('Thanks for writing. Let us look at this together.');
    await press(page, 'Send reply');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('button:Send reply');
    await expect
      .poll(() => spoken(page), { timeout: 10_000 })
      .toContain('polite: Reply sent. They will get an email saying there is a new message (without its text).');
    await context.close();
  });

  it('"Delete my account": unconfirmed, the error is tied to the box, announced and focused; confirmed, the next page', async () => {
    const { context, page } = await deviceFor(browser, stack, leaverApi);
    await context.addInitScript(RECORD_SPOKEN);
    await open(page, '/my-data/delete');
    await press(page, 'Delete my account');
    const box = page.getByLabel(/I understand this deletes my account/);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe('input#confirm-delete:');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await box.getAttribute('aria-describedby')}`).textContent()).toBe(
      'Tick the box to confirm you want to delete your account.',
    );
    await expect
      .poll(() => spoken(page))
      .toContain('assertive: Tick the box to confirm you want to delete your account.');
    await expectNoAxeViolations(page, 'delete with the confirmation error');
    await box.check();
    await press(page, 'Delete my account');
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(/^h1#page-title:/);
    await context.close();
  });
});

describe('announcements never follow typing (item 6)', () => {
  it('the character counter speaks only near the limit and over it; autosave never speaks', async () => {
    const { page } = employee;
    await open(page, '/messages');
    const box = page.getByLabel('Your message');
    await box.focus();
    await spoken(page);
    await page.keyboard.type('I would like to talk about my shifts');
    await page.waitForTimeout(1700); // longer than the polite throttle: anything queued has been said
    expect(await spoken(page)).toEqual([]);
    await box.fill('x'.repeat(3950));
    await expect.poll(() => spoken(page), { timeout: 10_000 }).toEqual(['polite: 50 characters left']);
    await page.keyboard.type('abc');
    await page.waitForTimeout(1700);
    expect(await spoken(page)).toEqual([]);
    await box.fill('x'.repeat(4001));
    await expect.poll(() => spoken(page), { timeout: 10_000 }).toEqual(['polite: 1 character too many']);

    // an exercise answer autosaves as it is typed, quietly (the status line is read when the person reaches it)
    await open(page, `/course/${M1.id}`);
    await partButton(page, REFLECTIVE.title).click();
    const field = REFLECTIVE.fields.find((f) => f.type === 'text' || f.type === 'longtext')!;
    await page.getByLabel(field.label, { exact: true }).focus();
    await spoken(page);
    await page.keyboard.type('Back-to-back calls');
    await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    await page.waitForTimeout(1700);
    expect(await spoken(page)).toEqual([]);
  });
});
