// Every page of the app (web/src/routes.tsx), for every role that can open it, checked for what axe cannot see
// (issue 24 items 3–8): focus on the new page's h1 after an in-app route change (each page is lazily loaded, and
// reached the first time here); the app's two live regions and no others; no disabled control without a reason;
// quick-hide as a modal; reflow at 320 px and at 400 % zoom (1280 × 1024 → 320 × 256 CSS px) with no navigation
// word cut; in forced colours the current navigation item keeps its state and chart text its colour; under reduced
// motion nothing moves. axe stays clean on every page. A route missing from the table below fails the first test.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/contract/roles.js';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { LIBRARY } from '../../functions/domain/programme/content/index.js';
import type { ExerciseSection } from '../../functions/domain/programme/content/schema.js';
import { NAV, ROUTES } from '../../web/src/routes.js';
import {
  chartTextProblems,
  expectQuickHideIsModal,
  extraLiveRegions,
  goAndExpectH1Focus,
  motionProblems,
  reflowProblems,
  stateStyle,
  waitForLoaded,
} from '../support/a11y.js';
import { deviceFor, expectNoAxeViolations, launchBrowser, newDevice } from '../support/browser.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let base: string;
const clients = new Map<Role, ApiClient>();
let inviteToken = '';
let threadId = '';
const DIARY_ENTRY = 'a11y-pages-entry-1';

type Who = Role | 'public';
/** Each route pattern, who opens it here, and the address opened (parameters filled with real ones). */
const PAGES: { route: string; who: Who; path: () => string; forcedColours?: (page: Page) => Promise<void> }[] = [
  { route: '/join/:token', who: 'public', path: () => `/join/${inviteToken}` },
  { route: '/sign-in', who: 'public', path: () => '/sign-in' },
  { route: '/verify', who: 'public', path: () => '/verify?k=not-a-key&t=not-a-token' },
  { route: '/help', who: 'public', path: () => '/help' },
  { route: '/privacy-promise', who: 'public', path: () => '/privacy-promise' },
  { route: '/account-deleted', who: 'public', path: () => '/account-deleted' },

  { route: '/course', who: 'employee', path: () => '/course' },
  {
    route: '/course/:moduleId',
    who: 'employee',
    path: () => `/course/${MODULES[0]!.id}`,
    forcedColours: expectStepAndChipDistinct,
  },
  { route: '/diary', who: 'employee', path: () => '/diary' },
  { route: '/diary/new/:kind', who: 'employee', path: () => '/diary/new/stress' },
  { route: '/diary/:entryId', who: 'employee', path: () => `/diary/${DIARY_ENTRY}` },
  { route: '/check-ins', who: 'employee', path: () => '/check-ins' },
  { route: '/check-ins/:questionnaireId', who: 'employee', path: () => '/check-ins/phq9' },
  { route: '/library', who: 'employee', path: () => '/library' },
  { route: '/library/:itemId', who: 'employee', path: () => `/library/${LIBRARY[0]!.id}` },
  { route: '/welcome', who: 'employee', path: () => '/welcome' },
  { route: '/parked', who: 'employee', path: () => '/parked' },
  { route: '/reminders', who: 'employee', path: () => '/reminders' },
  { route: '/discreet', who: 'employee', path: () => '/discreet' },
  { route: '/messages', who: 'employee', path: () => '/messages' },
  { route: '/what-my-employer-sees', who: 'employee', path: () => '/what-my-employer-sees' },
  { route: '/return-to-work', who: 'employee', path: () => '/return-to-work' },
  { route: '/return-to-work/adjustments', who: 'employee', path: () => '/return-to-work/adjustments' },
  { route: '/my-data', who: 'employee', path: () => '/my-data' },
  { route: '/goals', who: 'employee', path: () => '/goals' },
  { route: '/my-data/delete', who: 'employee', path: () => '/my-data/delete' },
  { route: '/', who: 'employee', path: () => '/' },

  { route: '/employer/launch-kit', who: 'hr_admin', path: () => '/employer/launch-kit' },
  { route: '/employer/poster', who: 'hr_admin', path: () => '/employer/poster' },
  { route: '/employer/permission', who: 'hr_admin', path: () => '/employer/permission' },
  { route: '/employer/departments', who: 'hr_admin', path: () => '/employer/departments' },
  { route: '/employer/managers', who: 'hr_admin', path: () => '/employer/managers' },
  { route: '/stats', who: 'hr_admin', path: () => '/stats' },
  { route: '/my-data', who: 'hr_admin', path: () => '/my-data' },
  { route: '/course', who: 'hr_admin', path: () => '/course' }, // "Not available"
  { route: '/', who: 'hr_admin', path: () => '/' },

  { route: '/endorse', who: 'manager', path: () => '/endorse' },
  { route: '/my-data', who: 'manager', path: () => '/my-data' },
  { route: '/', who: 'manager', path: () => '/' },

  { route: '/coach/inbox', who: 'coach', path: () => '/coach/inbox' },
  { route: '/coach/threads/:threadId', who: 'coach', path: () => `/coach/threads/${threadId}` },
  { route: '/coach/templates', who: 'coach', path: () => '/coach/templates' },
  { route: '/coach/reply-times', who: 'coach', path: () => '/coach/reply-times' },
  { route: '/coach/check-ins', who: 'coach', path: () => '/coach/check-ins' },
  { route: '/coach/team', who: 'coach', path: () => '/coach/team' },
  { route: '/coach/board', who: 'coach', path: () => '/coach/board' },
  { route: '/my-data', who: 'coach', path: () => '/my-data' },
  { route: '/no-such-page', who: 'coach', path: () => '/no-such-page' }, // "Page not found"
  { route: '/', who: 'coach', path: () => '/' },

  { route: '/operator/service', who: 'operator', path: () => '/operator/service' },
  { route: '/operator/health', who: 'operator', path: () => '/operator/health' },
  { route: '/my-data', who: 'operator', path: () => '/my-data' },
  { route: '/', who: 'operator', path: () => '/' },
];

const EMAILS: Record<Exclude<Who, 'public'>, string> = {
  employee: 'kim.pages@example.net',
  hr_admin: 'hr@northwind.example',
  manager: 'lee.manager@northwind.example',
  coach: 'coach@respite.example',
  operator: 'operator@respite.example', // the demo tenant's operatorEmails
};

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [EMAILS.operator] })] });
  base = stack.tenantUrl('demo');
  browser = await launchBrowser();
  const hr = await stack.signIn(EMAILS.hr_admin);
  clients.set('hr_admin', hr);
  inviteToken = (await hr.get('/api/account/invite-link')).body.token as string;
  expect((await hr.post('/api/account/staff-invites', { email: EMAILS.manager, role: 'manager' })).status).toBe(202);
  clients.set('manager', await stack.signIn(EMAILS.manager));
  const employee = await stack.signIn(EMAILS.employee, { inviteToken });
  clients.set('employee', employee);
  // something on every employee page: a diary entry, two check-ins (a chart), a message for the coach's thread
  const seeded = [
    await employee.post('/api/programme/diary', {
      entryId: DIARY_ENTRY,
      entry: { kind: 'stress', situation: 'A long day of deliveries', stress: 6, whatHelped: 'A walk' },
    }),
    await employee.post('/api/programme/questionnaires/who5/responses', {
      responseId: 'a11y-who5-1',
      answers: [3, 3, 3, 3, 3],
    }),
    await employee.post('/api/programme/questionnaires/who5/responses', {
      responseId: 'a11y-who5-2',
      answers: [4, 3, 4, 3, 4],
    }),
    await employee.post('/api/coaching/messages', { id: 'a11y-msg-1', text: 'Could we talk about shifts?' }),
  ];
  expect(seeded.map((r) => r.status)).toEqual([201, 200, 200, 201]);
  const coach = await stack.signIn(EMAILS.coach);
  clients.set('coach', coach);
  clients.set('operator', await stack.signIn(EMAILS.operator));
  threadId = (await coach.get('/api/coaching/inbox')).body.waiting[0].threadId as string;
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Whether the navigation should mark an item as the current page for this path (the layout's rule). */
const navHasCurrent = (who: Who, path: string) =>
  who !== 'public' &&
  NAV.some((n) => n.roles.includes(who) && (path === n.to || (n.to !== '/' && path.startsWith(n.to))));

/** Forced colours: the current navigation item (or "More" holding it) differs from another item in a kept style. */
async function expectCurrentNavDistinct(page: Page, label: string) {
  const nav = 'nav[aria-label="Main"]';
  const visibleCurrent = await page.locator(`${nav} .mainnav__row a[aria-current="page"]`).count();
  const current = visibleCurrent
    ? `${nav} .mainnav__row a[aria-current="page"]`
    : `${nav} .mainnav__more--current summary`;
  expect(await page.locator(current).count(), `${label}: a current item is shown`).toBe(1);
  const other = `${nav} .mainnav__row li:not(:has(a[aria-current])) a >> nth=0`;
  expect(await stateStyle(page, current), `${label}: current nav item in forced colours`).not.toBe(
    await stateStyle(page, other),
  );
}

/** Forced colours on a module: the current part and a chosen 0–10 chip differ from the others in a kept style. */
async function expectStepAndChipDistinct(page: Page) {
  const start = page.getByRole('button', { name: 'Start module' });
  if (await start.count()) await start.click();
  const ex = MODULES[0]!.sections.find(
    (s): s is ExerciseSection => s.kind === 'exercise' && s.fields.some((f) => f.type === 'scale'),
  )!;
  const scale = ex.fields.find((f) => f.type === 'scale')!;
  await page
    .getByRole('navigation', { name: 'Parts of this module' })
    .getByRole('button', { name: new RegExp(`^\\d+ ${ex.title.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&')}$`) })
    .click();
  const chips = page.getByRole('group', { name: scale.label });
  await chips.getByRole('radio', { name: '6', exact: true }).check({ force: true });
  const chip = (n: number) => chips.locator('.chip span').nth(n);
  expect(await stateStyle(page, chip(6)), 'chosen chip in forced colours').not.toBe(await stateStyle(page, chip(5)));
  expect(await stateStyle(page, '.section-nav__item[aria-current="step"]'), 'current part in forced colours').not.toBe(
    await stateStyle(page, '.section-nav__item:not([aria-current]) >> nth=0'),
  );
}

/** In the open "More" menu, Esc closes the menu (focus back on "More"), not the screen (item 4). */
async function expectEscClosesMore(page: Page, label: string) {
  const more = page.locator('nav[aria-label="Main"] details.mainnav__more');
  if (!(await more.count())) return;
  await more.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => more.getAttribute('open')).not.toBeNull();
  await more.getByRole('link').first().focus();
  await page.keyboard.press('Escape');
  expect(
    {
      open: await more.getAttribute('open'),
      hidden: await page.locator('.quick-hide').count(),
      focus: await page.evaluate(() => document.activeElement?.tagName),
    },
    label,
  ).toEqual({ open: null, hidden: 0, focus: 'SUMMARY' });
}

/** Buttons that cannot be pressed say why (aria-describedby to visible text), or are not disabled at all. */
const unexplainedDisabled = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('main button[disabled], main button[aria-disabled="true"]')]
      .filter((b) => {
        const ids = (b.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        return !ids.some((id) => (document.getElementById(id)?.textContent ?? '').trim());
      })
      .map((b) => b.textContent),
  );

describe('every page, every role', () => {
  it('the table covers every route in web/src/routes.tsx, each opened by a role allowed to', () => {
    for (const r of ROUTES)
      expect(
        PAGES.some(
          (p) => p.route === r.path && (r.roles === 'public' ? p.who === 'public' : r.roles.includes(p.who as Role)),
        ),
        `${r.path} is in the table`,
      ).toBe(true);
  });

  const roles: Who[] = ['public', 'employee', 'hr_admin', 'manager', 'coach', 'operator'];
  for (const who of roles) {
    it(`${who}: focus, live regions, quick-hide, axe, reflow at 320 px and 400 %, forced colours, reduced motion`, async () => {
      const client = who === 'public' ? undefined : clients.get(who)!;
      const { context, page } = client ? await deviceFor(browser, stack, client) : await newDevice(browser);
      // start on a page of the role (a full load), so every page below is reached by an in-app route change
      await page.goto(`${base}/#${who === 'public' ? '/help' : '/my-data'}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const { path: at, forcedColours } of PAGES.filter((p) => p.who === who)) {
        const path = at();
        const label = `${who} ${path}`;
        await page.setViewportSize({ width: 1280, height: 900 });
        await goAndExpectH1Focus(page, path);
        await waitForLoaded(page);
        expect(await extraLiveRegions(page), `${label}: live regions`).toEqual([]);
        expect(await unexplainedDisabled(page), `${label}: disabled without a reason`).toEqual([]);
        await expectNoAxeViolations(page, label);
        await expectQuickHideIsModal(page, label);

        await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
        if (navHasCurrent(who, path)) await expectCurrentNavDistinct(page, `${label} (desktop)`);
        expect(await chartTextProblems(page), `${label}: chart text in forced colours`).toEqual([]);
        await forcedColours?.(page);
        expect(await motionProblems(page), `${label}: reduced motion`).toEqual([]);
        for (const [width, height, what] of [
          [320, 800, '320 px'],
          [320, 256, '400 % zoom'],
        ] as const) {
          await page.setViewportSize({ width, height });
          await page.waitForFunction(() => !document.querySelector('nav.mainnav:not(.mainnav--phone)')); // re-rendered
          expect(await reflowProblems(page), `${label} at ${what}`).toEqual([]);
          if (navHasCurrent(who, path)) await expectCurrentNavDistinct(page, `${label} at ${what}`);
        }
        await expectEscClosesMore(page, `${label} at 320 px`);
        if (['/', '/check-ins', `/course/${MODULES[0]!.id}`, '/employer/departments'].includes(path))
          await page.screenshot({
            path: `/tmp/a11y-${who}-${path.replace(/\W+/g, '_')}-320-forced.png`,
            fullPage: true,
          });
        await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
      }
      await context.close();
    });
  }
});
