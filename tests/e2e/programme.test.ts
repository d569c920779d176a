// The employee "done when" journey in Chromium at phone width: module 1 with its exercise (autosaved, resumed after a
// reload) and the back-to-work step, progress, both diaries, all four check-ins with scores and charts, the PHQ-9
// item 9 safety path, the library filter and an .ics that ical.js accepts. axe must find nothing on every page.
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { LIBRARY } from '../../functions/domain/programme/content/index.js';
import type { ExerciseSection, Module, Section } from '../../functions/domain/programme/content/schema.js';
import { QUESTIONNAIRES, type QuestionnaireId } from '../../functions/domain/programme/questionnaires/definitions.js';
import { expectNoAxeViolations, launchBrowser, newDevice, waitForHeading } from '../support/browser.js';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;
let page: Page;
let base: string;

const M1 = MODULES[0]!;
const EMAIL = 'robin.phone@example.net';

/** The heading of the part of a module now shown. */
const sectionHeading = (title: string) => page.getByRole('heading', { level: 2, name: title, exact: true });
const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
/** A part's button in the module's list of parts (its name is its number, then its title). */
const partButton = (title: string) =>
  page
    .getByRole('navigation', { name: 'Parts of this module' })
    .getByRole('button', { name: new RegExp(`^\\d+ ${escapeRegExp(title)}$`) });
/** The exercise after which the back-to-work step is offered. */
function firstReflectiveExercise(m: Module): ExerciseSection {
  const ex = m.sections.find((s): s is ExerciseSection => s.kind === 'exercise' && s.reflective);
  if (!ex) throw new Error(`${m.id} needs a reflective exercise`);
  return ex;
}
/** Next, then past the back-to-work step if the part was a reflective exercise. */
async function nextPart(s: Section) {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  if (s.kind === 'exercise' && s.reflective) {
    await page.getByRole('heading', { name: 'Before you go back to work' }).waitFor();
    await page.getByRole('button', { name: 'Back to work' }).click();
  }
}

async function open(path: string, heading: string | RegExp) {
  await page.goto(`${base}/#${path}`);
  await waitForHeading(page, heading);
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const hr = await stack.signIn('hr@northwind.example');
  const token = (await hr.get('/api/account/invite-link')).body.token as string;
  base = stack.tenantUrl('demo');
  // The page's own store of unsent answers is tested here by failing requests with page.route, which cannot see
  // requests a service worker makes; the worker's queue of unsent writes is tested in pwa.test.ts.
  ({ page } = await newDevice(browser, { phone: true, serviceWorkers: 'block' }));
  await page.goto(`${base}/#/join/${token}`);
  await waitForHeading(page, 'Welcome to Respite');
  await page.getByLabel('Your email address').fill(EMAIL);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('6-digit code').waitFor();
  await page.getByLabel('6-digit code').fill(latestCode(await stack.inbox(EMAIL))!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await waitForHeading(page, /^Welcome( back)?$/);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('employee programme journey (phone)', () => {
  it('home shows the course card and quick links', async () => {
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
    await page.getByTestId('home-progress').waitFor();
    expect(await page.getByTestId('home-progress').textContent()).toMatch(/not finished a module yet/);
    await page.getByRole('heading', { name: 'Quick links' }).waitFor();
    await expectNoAxeViolations(page, 'employee home with programme cards');
  });

  it('at phone width the navigation is a bottom bar of four pages plus "More" (the rest), which closes once one is chosen', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const rowLinks = await nav.locator('.mainnav__row a').allTextContents();
    expect(rowLinks).toEqual(['Home', 'Course', 'Diary', 'Check-ins']);
    expect(await nav.getAttribute('class')).toContain('mainnav--phone');
    const more = nav.locator('details.mainnav__more');
    expect(await more.getAttribute('open')).toBeNull();
    await nav.getByText('More', { exact: true }).click();
    expect(await more.getAttribute('open')).not.toBeNull();
    expect(await more.getByRole('link').allTextContents()).toEqual([
      'Library',
      'Messages',
      'Return to work',
      'Parked thoughts',
      'Your goals',
      'Reminders',
      'Discreet mode',
      'What my employer sees',
      'Your data',
    ]);
    await expectNoAxeViolations(page, 'navigation with "More" open');
    await more.getByRole('link', { name: 'What my employer sees' }).click();
    await waitForHeading(page, 'What my employer sees');
    expect(await more.getAttribute('open')).toBeNull();
    await open('/', /^Welcome( back)?$/);
  });

  it('completes module 1 with its exercise (autosaved, resumed after reload) and the back-to-work step', async () => {
    await open('/course', 'Your course');
    await expectNoAxeViolations(page, 'course overview');
    await page.screenshot({ path: '/tmp/programme-course.png', fullPage: true });
    await page.getByRole('link', { name: `Module 1: ${M1.title}` }).click();
    await waitForHeading(page, `Module 1: ${M1.title}`);
    expect(await page.getByRole('main').getByText(`Takes about ${M1.minutes} minutes.`).count()).toBe(1);
    await expectNoAxeViolations(page, 'module intro');
    await page.getByRole('button', { name: 'Start module' }).click();

    // walk part by part with Next, each found by its heading, up to the first reflective exercise
    const ex = firstReflectiveExercise(M1);
    const exerciseIndex = M1.sections.indexOf(ex);
    for (const [i, s] of M1.sections.slice(0, exerciseIndex).entries()) {
      await sectionHeading(s.title).waitFor();
      if (i === 0) await expectNoAxeViolations(page, 'reading section');
      await nextPart(s);
    }
    await sectionHeading(ex.title).waitFor();
    const typed: Record<string, string> = {};
    for (const f of ex.fields) {
      const group = page.getByRole('group', { name: f.label });
      if (f.type === 'text' || f.type === 'longtext') {
        typed[f.id] = `My answer to ${f.id}`;
        await page.getByLabel(f.label, { exact: true }).fill(typed[f.id]!);
      } else if (f.type === 'scale') await group.getByRole('radio', { name: '6', exact: true }).check();
      else if (f.type === 'choice') await group.getByLabel(f.options[0]!.label, { exact: true }).check();
      else if (f.type === 'list') {
        typed[f.id] = 'Back-to-back meetings';
        await page.getByLabel(`${f.label}: item 1 of ${f.count}`).fill(typed[f.id]!);
      }
    }
    await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    await expectNoAxeViolations(page, 'exercise');
    await page.screenshot({ path: '/tmp/programme-exercise.png', fullPage: true });

    // refresh: resumes at the exercise with every answer back
    await page.reload();
    await sectionHeading(ex.title).waitFor();
    for (const f of ex.fields) {
      if (f.type === 'text' || f.type === 'longtext')
        expect(await page.getByLabel(f.label, { exact: true }).inputValue()).toBe(typed[f.id]);
      if (f.type === 'list')
        expect(await page.getByLabel(`${f.label}: item 1 of ${f.count}`).inputValue()).toBe(typed[f.id]);
      if (f.type === 'scale')
        expect(
          await page.getByRole('group', { name: f.label }).getByRole('radio', { name: '6', exact: true }).isChecked(),
        ).toBe(true);
    }

    // reflective exercise → the back-to-work step
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: 'Before you go back to work' }).waitFor();
    await expectNoAxeViolations(page, 'back-to-work step');
    await page.getByRole('textbox').fill('Reply to the supplier tomorrow');
    await page.getByRole('button', { name: 'Park it' }).click();
    await page.getByRole('main').getByText('Parked.', { exact: false }).waitFor();
    await page.screenshot({ path: '/tmp/programme-back-to-work.png', fullPage: true });
    await page.getByRole('button', { name: 'Back to work' }).click();

    let listened = false;
    const takeAway = 'Notice my shoulders before the afternoon meeting';
    for (const s of M1.sections.slice(exerciseIndex + 1)) {
      await sectionHeading(s.title).waitFor();
      if (s.id === 'what-ill-take' && s.kind === 'exercise') {
        await page.getByLabel(s.fields.find((f) => f.id === 'take-away')!.label, { exact: true }).fill(takeAway);
        await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
      }
      if (s.kind === 'listen' && !listened) {
        listened = true;
        await expectNoAxeViolations(page, 'listen section');
        await page.getByRole('checkbox', { name: 'Captions only, no sound' }).check();
        await page.getByRole('button', { name: 'Listen', exact: true }).click();
        await page.getByTestId('caption').filter({ hasText: s.script[0]!.text }).waitFor();
        await page.getByRole('button', { name: 'Pause' }).click();
      }
      if (s !== M1.sections.at(-1)) await nextPart(s);
    }
    expect(listened, 'module 1 has a listening practice after its first reflective exercise').toBe(true);
    await page.getByRole('button', { name: 'Finish module' }).click();
    await page.getByRole('heading', { name: 'Module 1 done' }).waitFor();
    await expectNoAxeViolations(page, 'module done');
    await page.getByRole('link', { name: 'See your progress' }).click();
    await waitForHeading(page, 'Your course');
    expect(await page.getByTestId('course-progress').textContent()).toBe(`1 of ${MODULES.length} modules done`);
    expect(await page.locator('.checkpoint').first().getByText('Done').count()).toBe(1);
    // the closing reflection shows on the progress page
    await page.getByTestId('takeaways').getByText(takeAway).waitFor();
    expect(
      await page
        .getByTestId('takeaways')
        .getByRole('heading', { name: `Module 1: ${M1.title}` })
        .count(),
    ).toBe(1);
    expect((await stack.client().get('/api/programme/course')).status).toBe(401);
  });

  it('answers typed while the network is down survive a refresh and are sent once it is back', async () => {
    const ex = M1.sections.find(
      (s): s is ExerciseSection => s.kind === 'exercise' && s.fields.some((f) => f.type === 'text'),
    );
    if (!ex) throw new Error('module 1 needs an exercise with a text field');
    const field = ex.fields.find((f) => f.type === 'text')!;
    await page.route('**/api/programme/modules/*/sections/*/answers', (route) => route.abort());
    await open(`/course/${M1.id}`, `Module 1: ${M1.title}`);
    await partButton(ex.title).click();
    await page.getByLabel(field.label, { exact: true }).fill('Typed on the train');
    await page.getByTestId('save-status').filter({ hasText: 'Not saved yet' }).waitFor();
    await page.getByRole('main').getByText('Your answers are kept on this device').waitFor();

    await page.unroute('**/api/programme/modules/*/sections/*/answers');
    await page.reload();
    await partButton(ex.title).click();
    expect(await page.getByLabel(field.label, { exact: true }).inputValue()).toBe('Typed on the train');
    await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
    const server = await page.evaluate(
      async (id) =>
        (await (await fetch(`api/programme/modules/${id}`)).json()) as {
          answers: Record<string, { answers: Record<string, unknown> }>;
        },
      M1.id,
    );
    expect(server.answers[ex.id]!.answers[field.id]).toBe('Typed on the train');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('respite.unsent.')))).toEqual(
      [],
    );
  });

  it('downloads an .ics that ical.js accepts, with a neutral title', async () => {
    await open('/course', 'Your course');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Add to calendar (.ics)' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Focus time');
    const next = MODULES[1] ?? M1;
    expect((event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000).toBe(next.minutes);
    expect(event.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now());
  });

  it('writes a stress diary entry and a thought record', async () => {
    await open('/diary/new/stress', 'New stress diary entry');
    await expectNoAxeViolations(page, 'new stress entry');
    await page.getByLabel('What happened?').fill('The printer jammed before a deadline');
    await page
      .getByRole('group', { name: /How stressed did you feel/ })
      .getByRole('radio', { name: '7', exact: true })
      .check();
    await page.getByLabel('What did you notice in your body and feelings?').fill('Hot face, tense shoulders');
    await page.getByLabel('What helped, even a little?').fill('Asking a colleague');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await waitForHeading(page, 'Diary');

    await page.getByRole('link', { name: 'New thought record' }).click();
    await waitForHeading(page, 'New thought record');
    // an empty required field is named, and nothing typed is lost
    await page.getByLabel('What went through your mind?').fill('Everyone will think I am useless');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('main').getByText('Please check the fields marked below.').waitFor();
    expect(await page.getByLabel('What went through your mind?').inputValue()).toBe('Everyone will think I am useless');
    await expectNoAxeViolations(page, 'thought record with errors');
    await page.getByLabel('What happened?').fill('I made a mistake in a report');
    await page.getByLabel('What did you feel?').fill('Embarrassed');
    await page.getByLabel('A more balanced thought').fill('One mistake does not make me useless');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await waitForHeading(page, 'Diary');
    await page.getByRole('main').getByText('I made a mistake in a report').waitFor();
    expect(await page.locator('.entry-list > li').count()).toBe(2);
    await expectNoAxeViolations(page, 'diary list');
    await page.screenshot({ path: '/tmp/programme-diary.png', fullPage: true });
  });

  it('editing one entry in two tabs: the later save is refused with a clear message and keeps what was typed', async () => {
    await open('/diary', 'Diary');
    const href = await page.getByRole('link', { name: 'Stress diary entry', exact: true }).getAttribute('href');
    const tab2 = await page.context().newPage();
    await page.goto(`${base}/${href}`);
    await waitForHeading(page, 'Stress diary entry');
    await tab2.goto(`${base}/${href}`);
    await waitForHeading(tab2, 'Stress diary entry');

    await page.getByLabel('What helped, even a little?').fill('A glass of water');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('main').getByText('Saved.').waitFor();

    await tab2.getByLabel('What helped, even a little?').fill('Talking it through');
    await tab2.getByRole('button', { name: 'Save entry' }).click();
    await tab2.getByRole('main').getByText('changed somewhere else').waitFor();
    expect(await tab2.getByLabel('What helped, even a little?').inputValue()).toBe('Talking it through');
    await expectNoAxeViolations(tab2, 'diary edit conflict');
    await tab2.getByRole('button', { name: 'load the latest version' }).click();
    await expect.poll(() => tab2.getByLabel('What helped, even a little?').inputValue()).toBe('A glass of water');
    await tab2.close();
  });

  const answer = async (id: QuestionnaireId, values: number[], skip: number[] = []) => {
    const def = QUESTIONNAIRES[id];
    const questions = page.locator('fieldset.question');
    for (let i = 0; i < values.length; i++) {
      if (skip.includes(i)) continue;
      const label = def.options.find((o) => o.value === values[i])!.label;
      await questions.nth(i).getByLabel(label, { exact: true }).check();
    }
  };

  it('an incomplete check-in is not scored and names what is missing', async () => {
    await open('/check-ins/gad7', 'GAD-7');
    await expectNoAxeViolations(page, 'GAD-7 form');
    await answer('gad7', [1, 1, 1, 1, 1, 1, 1], [3]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await page.getByRole('main').getByText('1 still to answer').waitFor();
    expect(await page.locator('fieldset.question--error').count()).toBe(1);
    await expectNoAxeViolations(page, 'GAD-7 incomplete');
    await answer('gad7', [1, 1, 1, 1, 1, 1, 1]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await page.getByTestId('score').waitFor();
    expect(await page.getByTestId('score').textContent()).toBe('7 out of 21');
    expect(await page.getByRole('main').getByText('Mild.').count()).toBe(1);
  });

  it('scores PSS-10 and WHO-5 by the published rules', async () => {
    await open('/check-ins/pss10', 'PSS-10');
    await answer('pss10', [2, 3, 3, 1, 1, 2, 2, 1, 3, 2]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await page.getByTestId('score').waitFor();
    expect(await page.getByTestId('score').textContent()).toBe('26 out of 40');
    expect(await page.locator('#crisis-title').count()).toBe(0);

    await open('/check-ins/who5', 'WHO-5');
    await answer('who5', [3, 3, 3, 2, 2]);
    await page.getByRole('button', { name: 'See my score' }).click();
    await page.getByTestId('score').waitFor();
    expect(await page.getByTestId('score').textContent()).toBe('52 out of 100');
    await expectNoAxeViolations(page, 'WHO-5 result');
  });

  it('PHQ-9 item 9 above 0 shows crisis resources before the score, every time', async () => {
    for (const round of [1, 2]) {
      await open('/check-ins', 'Check-ins');
      await page.getByRole('link', { name: /the PHQ-9/ }).click();
      await waitForHeading(page, 'PHQ-9');
      await answer('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]);
      await page.getByRole('button', { name: 'See my score' }).click();
      await page.getByRole('heading', { name: "You don't have to face this alone" }).waitFor();
      const order = await page.evaluate(() => {
        const crisis = document.getElementById('crisis-title')!;
        const score = document.querySelector('[data-testid="score"]')!;
        return crisis.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING
          ? 'crisis-first'
          : 'score-first';
      });
      expect(order, `round ${round}`).toBe('crisis-first');
      expect(await page.getByRole('link', { name: '116 123' }).count()).toBe(1);
      expect(await page.getByTestId('score').textContent()).toBe('1 out of 27');
      if (round === 1) {
        await expectNoAxeViolations(page, 'PHQ-9 safety result');
        await page.screenshot({ path: '/tmp/programme-phq9-safety.png', fullPage: true });
      }
    }
  });

  it('the check-ins page shows every score with its history chart', async () => {
    await open('/check-ins', 'Check-ins');
    for (const name of ['PSS-10', 'PHQ-9', 'GAD-7', 'WHO-5']) await page.getByTestId(`chart-${name}`).waitFor();
    expect(await page.getByRole('main').getByText('Last score: 26 out of 40', { exact: false }).count()).toBe(1);
    expect(await page.getByTestId('chart-PHQ-9').locator('circle').count()).toBe(2);
    expect(await page.getByTestId('chart-PHQ-9').locator('polyline').count()).toBe(1);
    await expectNoAxeViolations(page, 'check-ins with charts');
    await page.screenshot({ path: '/tmp/programme-checkins.png', fullPage: true });
  });

  it('filters the library to what can be done at a desk in 5 minutes', async () => {
    await open('/library', 'Library');
    await page
      .getByTestId('library-count')
      .filter({ hasText: `All ${LIBRARY.length} resources` })
      .waitFor();
    await expectNoAxeViolations(page, 'library');
    await page.getByLabel('What can I do at my desk in 5 minutes?').check();
    const expected = LIBRARY.filter((i) => i.tags.atDesk && !i.tags.needsPrivacy && i.minutes <= 5);
    await page
      .getByTestId('library-count')
      .filter({ hasText: `${expected.length} of ${LIBRARY.length} resources match` })
      .waitFor();
    expect(await page.locator('.library-list > li').count()).toBe(expected.length);
    await page.screenshot({ path: '/tmp/programme-library.png', fullPage: true });
    await page.getByRole('link', { name: expected[0]!.title }).click();
    await waitForHeading(page, expected[0]!.title);
    await expectNoAxeViolations(page, 'library item');
  });

  it('walks module 2 on a phone: the worked example, both exercises and the listening practice in captions, with its pauses', async () => {
    const M2 = MODULES[1]!;
    const shot = (name: string) => page.screenshot({ path: `/tmp/programme-m2-${name}.png`, fullPage: true });
    await open(`/course/${M2.id}`, `Module 2: ${M2.title}`);
    expect(await page.getByRole('main').getByText(`Takes about ${M2.minutes} minutes.`).count()).toBe(1);
    await page.getByRole('button', { name: 'Start module' }).click();
    const exercises = M2.sections.filter(
      (s): s is ExerciseSection =>
        s.kind === 'exercise' && s.activity !== 'practice-plan' && s.activity !== 'reflection',
    );
    expect(new Set(exercises.map((e) => e.activity)).size).toBeGreaterThanOrEqual(2);
    const example = M2.sections.find(
      (s) => s.kind === 'reading' && ['Marcus', 'Priya', 'Helen'].every((n) => s.paragraphs.join(' ').includes(n)),
    )!;
    const listen = M2.sections.find((s) => s.kind === 'listen')!;
    for (const s of M2.sections) {
      await sectionHeading(s.title).waitFor();
      if (s === example) {
        await page
          .locator('article.section')
          .getByText('Marcus', { exact: false })
          .locator('visible=true')
          .first()
          .waitFor();
        await shot('worked-example');
      }
      if (exercises.includes(s as ExerciseSection)) {
        const ex = s as ExerciseSection;
        const choice = ex.fields.find((f) => f.type === 'choice');
        const text = ex.fields.find((f) => f.type === 'text' || f.type === 'longtext');
        if (choice?.type === 'choice')
          await page
            .getByRole('group', { name: choice.label })
            .getByLabel(choice.options[0]!.label, { exact: true })
            .check();
        if (text) await page.getByLabel(text.label, { exact: true }).fill('A busy Tuesday');
        await page.getByTestId('save-status').filter({ hasText: 'All changes saved' }).waitFor();
        await expectNoAxeViolations(page, `module 2 ${ex.id}`);
        await shot(ex.id);
      }
      if (s === listen && s.kind === 'listen') {
        await page.getByRole('checkbox', { name: 'Captions only, no sound' }).check();
        await page.getByRole('button', { name: 'Listen', exact: true }).click();
        await page.getByTestId('caption').filter({ hasText: s.script[0]!.text }).waitFor();
        // the first line's quiet pause is shown, then the next caption follows in step
        await page
          .getByTestId('pause')
          .filter({ hasText: `Quiet for ${s.script[0]!.pauseAfterSeconds} seconds` })
          .waitFor({ timeout: 10_000 });
        await shot('listening');
        await page.getByTestId('caption').filter({ hasText: s.script[1]!.text }).waitFor({ timeout: 10_000 });
        await page.getByRole('button', { name: 'Pause' }).click();
        await expectNoAxeViolations(page, 'module 2 listening');
      }
      if (s !== M2.sections.at(-1)) await nextPart(s);
    }
    await page.getByRole('button', { name: 'Finish module' }).click();
    await page.getByRole('heading', { name: 'Module 2 done' }).waitFor();
  });

  it('plays a guided practice from its library item, with the same script as its module', async () => {
    const item = LIBRARY.find((i) => i.id === 'body-scan')!;
    const section = MODULES.find((m) => m.id === item.practice!.moduleId)!.sections.find(
      (s) => s.id === item.practice!.sectionId,
    )!;
    if (section.kind !== 'listen') throw new Error('body-scan practice must be a listen section');
    await open(`/library/${item.id}`, item.title);
    await page.getByRole('heading', { name: `Listen: ${section.title}` }).waitFor();
    await page.getByRole('checkbox', { name: 'Captions only, no sound' }).check();
    await page.getByRole('button', { name: 'Listen', exact: true }).click();
    await page.getByTestId('caption').filter({ hasText: section.script[0]!.text }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await page.locator('.script li').count()).toBe(section.script.length);
    await expectNoAxeViolations(page, 'library practice');
    await page.screenshot({ path: '/tmp/programme-library-practice.png', fullPage: true });
  });

  it('says so, and plays in captions at the same pace, where the browser has no speech voice', async () => {
    await page.addInitScript(() => {
      delete (window as { speechSynthesis?: unknown }).speechSynthesis;
    });
    const section = MODULES.find((m) => m.id === 'understanding-stress')!.sections.find((s) => s.id === 'grounding')!;
    if (section.kind !== 'listen') throw new Error('grounding must be a listen section');
    await page.goto(`${base}/#/library/five-senses`);
    await page.reload();
    await page.getByRole('heading', { name: `Listen: ${section.title}` }).waitFor();
    await page.getByTestId('no-voice').filter({ hasText: 'can’t read aloud' }).waitFor();
    const captionsOnly = page.getByRole('checkbox', { name: 'Captions only, no sound' });
    expect(await captionsOnly.isChecked()).toBe(true);
    expect(await captionsOnly.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Listen', exact: true }).click();
    await page.getByTestId('caption').filter({ hasText: section.script[0]!.text }).waitFor();
    await page
      .getByTestId('pause')
      .filter({ hasText: `Quiet for ${section.script[0]!.pauseAfterSeconds} seconds` })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectNoAxeViolations(page, 'no-voice practice');
  });
});
