// Employer statistics in Debian Chromium: employees join through the real flow (one changes department), most of a
// launch is seeded straight into the counters, releases run through the real job as the clock moves past each period.
// HR's dashboard shows "fewer than 10" and hidden small teams while numbers are small, then rounded noised counts;
// the CSV download matches the screen; the employee's "What my employer sees" page shows the same figures. axe on
// every page, at desktop and phone widths.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keys } from '../../functions/domain/keys.js';
import { halfYear, isoWeek } from '../../functions/domain/stats/counters.js';
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

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.clock({ at: null });
  await stack?.stop();
});

/** Runs the release job at `at` (clock moved there first) and returns what it did. */
async function releaseAt(at: string) {
  await stack.clock({ at });
  const [result] = await stack.runJob('stats-release', { scheduledTime: at }, 'demo');
  return result as Record<string, string>;
}

/** Adds joiners straight into the counters, as sign-up would have counted them (much faster than real sign-ups). */
async function seedJoiners(at: Date, byDepartment: Record<string, number>) {
  const db = stack.db('demo');
  const total = Object.values(byDepartment).reduce((s, v) => s + v, 0);
  for (const period of [isoWeek(at), at.toISOString().slice(0, 7), halfYear(at), 'all']) {
    await db.increment(keys.counter(period, 'new_enrolments', '_all'), 'value', total);
    for (const [dept, n] of Object.entries(byDepartment))
      await db.increment(keys.counter(period, 'new_enrolments', dept), 'value', n);
  }
  // and that about half of them were active in the half-year
  await db.increment(keys.counter(halfYear(at), 'active', '_all'), 'value', Math.round(total / 2));
}

/** The figure cards' tables as text rows: [figure, period, shown value]. */
async function figureRows(page: Page): Promise<string[][]> {
  return page.locator('section[aria-label="Figures"] .stats-figures > *').evaluateAll((cards) =>
    cards.flatMap((card) => {
      const title = card.querySelector('h2, h3')?.textContent?.trim() ?? '';
      return [...card.querySelectorAll('.stats-chart tbody tr')].map((tr) => [
        title,
        tr.querySelector('th')!.textContent!.trim(),
        tr.querySelector('td')!.textContent!.trim(),
      ]);
    }),
  );
}

const NUMBER_OR_FLOOR = /^(fewer than 10|\d*[05])$/;

describe('employer statistics (browser)', () => {
  it('"fewer than 10" and hidden small teams at first, then rounded noised counts; CSV and the employee page match', async () => {
    // ---- October: three people join through the real flow; one of them changes department later -------------------
    await stack.clock({ at: '2026-10-06T10:00:00Z' });
    const hr = await stack.signIn('hr@northwind.example');
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    await stack.signIn('ash.stats@example.net', { inviteToken: token, departmentId: 'operations' });
    await stack.signIn('bo.stats@example.net', { inviteToken: token, departmentId: 'warehouse' });
    const cy = await stack.signIn('cy.stats@example.net', { inviteToken: token });
    const moved = await cy.patch('/api/account/me', { departmentId: 'customer-service' });
    expect(moved.status).toBe(200);
    const moves = await stack
      .db('demo')
      .get(keys.counter('2026-10', 'department_moves_in', 'customer-service'), z.object({ value: z.number() }), {
        consistent: true,
      });
    expect(moves?.value).toBe(1);

    // Weekly releases of October's quiet weeks (the first run also releases September and the first half-year),
    // then October itself.
    for (const day of ['2026-10-12', '2026-10-19', '2026-10-26'])
      expect(Object.values(await releaseAt(`${day}T03:00:00Z`))).toContain('released');
    expect(await releaseAt('2026-11-02T03:00:00Z')).toMatchObject({
      'month:2026-10': 'released',
      'week:2026-W44': 'released',
    });

    // ---- November: a launch campaign; most joiners are seeded into the counters --------------------------------------
    await seedJoiners(new Date('2026-11-10T10:00:00Z'), {
      operations: 110,
      warehouse: 80,
      'customer-service': 35,
      finance: 15,
      people: 10,
      _none: 20,
    });
    expect(await releaseAt('2026-12-01T03:00:00Z')).toMatchObject({ 'month:2026-11': 'released' });
    expect(await releaseAt('2027-01-04T03:00:00Z')).toMatchObject({
      'month:2026-12': 'released',
      'half:2026-H2': 'released',
    });

    // ---- HR's dashboard ------------------------------------------------------------------------------------------------
    const { context, page } = await newDevice(browser);
    await signInInBrowser(page, stack, 'hr@northwind.example');
    await page.goto(`${stack.tenantUrl('demo')}/#/stats`);
    await waitForHeading(page, 'Uptake figures');
    await page.locator('.stats-chart').first().waitFor();
    const api = await stack.signIn('hr@northwind.example');
    const month = (await api.get('/api/stats/dashboard?kind=month')).body;
    expect(month.periods.map((p: { period: string }) => p.period)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    const cell = (period: string, metric: string) =>
      month.periods
        .find((p: { period: string }) => p.period === period)
        .cells.find((c: { metric: string }) => c.metric === metric).cell;
    // October: three joiners are blurred; the figure is "fewer than 10" or a rounded number, never the true 3
    for (const metric of ['new_enrolments', 'enrolled'])
      expect(cell('2026-10', metric).display).toMatch(NUMBER_OR_FLOOR);
    // November: 273 joiners; the blur is far smaller than that, so a rounded count shows
    const novJoiners = cell('2026-11', 'new_enrolments');
    expect(novJoiners.display).toMatch(/^\d+[05]$/);
    expect(novJoiners.value).toBeGreaterThan(200);
    expect(novJoiners.value).toBeLessThan(350);
    // "Using Respite" in December (276 true) sums several draws, the September snapshot's (b = 22) the widest, so only
    // a loose bound is safe: below 30 happens about once in 20,000 runs. (A bound of 200 failed once in CI.)
    expect(cell('2026-12', 'enrolled').value).toBeGreaterThan(30);

    // Every shown figure comes with its 90 % range in words, and every chart row with its range
    const latest = (await page
      .locator('.stats-latest')
      .evaluateAll((ps) =>
        ps.map((p) =>
          [...p.querySelectorAll('.stats-latest__value, .stats-latest__range')].map((x) => x.textContent).join(' '),
        ),
      )) as string[];
    expect(latest.length).toBe(month.figures.length);
    for (const t of latest) expect(t).toMatch(/^(about \d+ — somewhere between \d+ and \d+|fewer than 10|Hidden.*)$/);
    expect(latest.some((t) => t.startsWith('about '))).toBe(true);
    const rows = await figureRows(page);
    const expected = month.figures.flatMap((f: { metric: string; label: string }) =>
      month.periods.map((p: { period: string }) => [
        f.label,
        expect.stringContaining(p.period.slice(0, 4)),
        cell(p.period, f.metric).display,
      ]),
    );
    expect(rows).toEqual(expected);
    await expectNoAxeViolations(page, 'stats dashboard (month)');

    // The department table for "Using Respite" in December: small teams are hidden by HR's headcounts
    await page.getByLabel('Figure', { exact: true }).selectOption('enrolled');
    await page.getByRole('table', { name: /Using Respite, December 2026/ }).waitFor();
    const table = page.getByRole('table', { name: /Using Respite, December 2026/ });
    const row = (name: string) =>
      table.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) }).locator('td');
    const rowValue = async (name: string) => (await row(name).first().textContent())!.trim();
    expect(await rowValue('Finance')).toBe('Hidden: fewer than 20 staff');
    expect(await rowValue('People and HR')).toBe('Hidden: fewer than 20 staff');
    const ops = await rowValue('Operations');
    expect(ops).toMatch(/^\d+[05]$/);
    // each department row carries its own 90 % range, from the department's noise
    expect((await row('Operations').nth(1).textContent())!.trim()).toMatch(/^\d+ to \d+$/);
    expect((await row('Finance').nth(1).textContent())!.trim()).toBe('');
    await page.screenshot({ path: '/tmp/stats-dashboard-desktop.png', fullPage: true });

    // CSV download = the screen, cell for cell
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these figures (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('respite-monthly-figures.csv');
    const csv = (await readFile((await download.path())!, 'utf8'))
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(csv[0]).toEqual(['Period', 'Figure', 'Whole organisation', 'Low (90% range)', 'High (90% range)']);
    expect(
      csv
        .slice(1)
        .map(([p, f, v]) => [f, p, v])
        .sort(),
    ).toEqual(
      month.periods
        .flatMap((p: { period: string }) =>
          month.figures.map((f: { metric: string; label: string }) => [
            f.label,
            p.period,
            cell(p.period, f.metric).display,
          ]),
        )
        .sort(),
    );

    // Weekly view: quiet October weeks (one joiner at most) show "fewer than 10" at least once
    await page.getByLabel('Show figures by').selectOption('week');
    await page.getByRole('heading', { name: 'New joiners' }).waitFor();
    await page.locator('.stats-chart').first().waitFor();
    const weekly = (await figureRows(page)).map((r) => r[2]!);
    expect(weekly.length).toBeGreaterThanOrEqual(4);
    expect(weekly.every((v) => NUMBER_OR_FLOOR.test(v))).toBe(true);
    expect(weekly).toContain('fewer than 10');
    await expectNoAxeViolations(page, 'stats dashboard (week)');

    // Half-year activity: organisation-wide only, no department table
    await page.getByLabel('Show figures by').selectOption('half');
    await page.getByRole('heading', { name: 'Finished a module' }).waitFor();
    await page.locator('.stats-chart').first().waitFor();
    expect(await page.getByRole('heading', { name: 'By department' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'stats dashboard (half-year)');
    await context.close();

    // ---- the employee sees exactly the same figures ----------------------------------------------------------------
    const phone = await newDevice(browser, { phone: true });
    await signInInBrowser(phone.page, stack, 'ash.stats@example.net');
    await phone.page.goto(`${stack.tenantUrl('demo')}/#/what-my-employer-sees`);
    await waitForHeading(phone.page, 'What my employer sees');
    await phone.page.locator('.stats-chart').first().waitFor();
    expect(await figureRows(phone.page)).toEqual(rows);
    expect(await phone.page.getByRole('link', { name: /Download/ }).count()).toBe(0);
    await expectNoAxeViolations(phone.page, 'what my employer sees');
    await phone.page.screenshot({ path: '/tmp/stats-employee-phone.png', fullPage: true });
    await phone.context.close();

    // and HR's dashboard at phone width
    const hrPhone = await newDevice(browser, { phone: true });
    await signInInBrowser(hrPhone.page, stack, 'hr@northwind.example');
    await hrPhone.page.goto(`${stack.tenantUrl('demo')}/#/stats`);
    await waitForHeading(hrPhone.page, 'Uptake figures');
    await hrPhone.page.getByRole('table', { name: /December 2026/ }).waitFor();
    await expectNoAxeViolations(hrPhone.page, 'stats dashboard (phone)');
    await hrPhone.page.screenshot({ path: '/tmp/stats-dashboard-phone.png', fullPage: true });
    await hrPhone.context.close();
  });
});
