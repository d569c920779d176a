// The seeded demo history in Debian Chromium (issue 17): the local stack seeds a year of synthetic activity released
// through the real engine, as `npm start` does. HR's dashboard shows every figure with its range, a trend chart per
// figure with a text alternative, department rows with their ranges; a small organisation (Acme, 85 staff) shows
// "Not enough staff for this figure" where the rule says so; HR's line-manager figures are gated; the employee's
// "What my employer sees" page shows the same figures. axe at desktop and phone widths; screenshots in /tmp.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFORMATIVE_SHARE } from '../../functions/domain/stats/catalogue.js';
import { halfWidth90 } from '../../functions/domain/stats/interval.js';
import {
  expectNoAxeViolations,
  launchBrowser,
  newDevice,
  signInInBrowser,
  waitForHeading,
} from '../support/browser.js';
import { demoTenant, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant(),
      demoTenant({ slug: 'acme', name: 'Acme Engineering', adminEmails: ['people@acme.example'] }),
    ],
    seedHistory: true,
  });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const RANGE_WORDS = /^about \d+ — somewhere between \d+ and \d+$/;

/** Each figure card (in `scope`): its title, the latest value in words, its trend chart, and its table rows. */
async function cards(page: Page, scope = 'section[aria-label="Figures"]') {
  return page.locator(`${scope} .stats-figures > *`).evaluateAll((els) =>
    els.map((card) => ({
      title: card.querySelector('h2, h3')?.textContent?.trim() ?? '',
      latest: [...card.querySelectorAll('.stats-latest__value, .stats-latest__range')]
        .map((x) => x.textContent!.trim())
        .join(' '),
      chart: card.querySelector('svg.stats-trend[role="img"]')?.getAttribute('aria-labelledby') ?? null,
      chartName: (() => {
        const svg = card.querySelector('svg.stats-trend');
        return svg ? [...svg.querySelectorAll('title, desc')].map((x) => x.textContent).join(' | ') : '';
      })(),
      rows: [...card.querySelectorAll('.stats-chart tbody tr')].map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim()),
      ),
    })),
  );
}

describe('the seeded demo dashboard (browser)', () => {
  it('every figure with its range and a trend chart, departments with ranges, managers gated, the employee sees the same', async () => {
    const hrApi = await stack.signIn('hr@northwind.example');
    const month = (await hrApi.get('/api/stats/dashboard?kind=month')).body;
    expect(month.periods).toHaveLength(12);

    const { context, page } = await newDevice(browser);
    await signInInBrowser(page, stack, 'hr@northwind.example');
    await page.goto(`${stack.tenantUrl('demo')}/#/stats`);
    await waitForHeading(page, 'Uptake figures');
    await page.locator('svg.stats-trend').first().waitFor();
    const shown = await cards(page);
    expect(shown.map((c) => c.title)).toEqual(['New joiners', 'Using Respite']);
    for (const c of shown) {
      // the latest figure in words with its range (or "fewer than 10"), a chart with a title and a description
      expect(c.latest, c.title).toMatch(/^(about \d+ — somewhere between \d+ and \d+|fewer than 10)$/);
      expect(c.chart, c.title).not.toBeNull();
      expect(c.chartName).toContain(`${c.title}: trend chart`);
      expect(c.chartName).toContain('9 times out of 10');
      // the table is the text alternative: 12 months, each shown number with its range
      expect(c.rows).toHaveLength(12);
      for (const [, value, range] of c.rows)
        if (/^\d+$/.test(value!)) expect(range, `${c.title} ${value}`).toMatch(/^\d+ to \d+$/);
    }
    // "Using Respite" after a year of joiners is a number with its range (275 staff: informative)
    expect(shown[1]!.latest).toMatch(RANGE_WORDS);
    await expectNoAxeViolations(page, 'seeded dashboard (month)');

    // department rows carry their own ranges; small teams are hidden by HR's headcounts
    await page.getByLabel('Figure', { exact: true }).selectOption('enrolled');
    const table = page.getByRole('table', { name: /^Using Respite, / });
    await table.waitFor();
    const deptRows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
    expect(deptRows.find((r) => r[0] === 'Finance')).toEqual(['Finance', 'Hidden: fewer than 20 staff', '']);
    const operations = deptRows.find((r) => r[0] === 'Operations')!;
    if (/^\d+$/.test(operations[1]!)) expect(operations[2]).toMatch(/^\d+ to \d+$/);
    expect(deptRows.filter((r) => /^\d+ to \d+$/.test(r[2]!)).length).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/figures-dashboard-desktop.png', fullPage: true });

    // half-year activity: four figures, each with its range where a number shows
    await page.getByLabel('Show figures by').selectOption('half');
    await page.getByRole('heading', { name: 'Finished a module' }).waitFor();
    const half = await cards(page);
    expect(half.map((c) => c.title)).toEqual([
      'Active',
      'Finished a module',
      'Talked to a coach',
      'Feeling better on a self-check',
    ]);
    expect(half[0]!.latest).toMatch(RANGE_WORDS);
    await expectNoAxeViolations(page, 'seeded dashboard (half-year)');

    // HR's line-manager figures: one manager invited, none signed in: "fewer than 10", messages hidden
    await page.goto(`${stack.tenantUrl('demo')}/#/employer/managers`);
    await waitForHeading(page, 'Line managers');
    await page.getByRole('heading', { name: 'Endorsement messages sent by line managers' }).waitFor();
    const managers = await cards(page, 'main');
    expect(managers.map((c) => [c.title, c.latest])).toEqual([
      ['Line managers with an account', 'fewer than 10'],
      ['Endorsement messages sent by line managers', 'Hidden: fewer than 10 line managers'],
    ]);
    await expectNoAxeViolations(page, 'line managers');
    await context.close();

    // HR at phone width
    const phone = await newDevice(browser, { phone: true });
    await signInInBrowser(phone.page, stack, 'hr@northwind.example');
    await phone.page.goto(`${stack.tenantUrl('demo')}/#/stats`);
    await waitForHeading(phone.page, 'Uptake figures');
    await phone.page.locator('svg.stats-trend').first().waitFor();
    await expectNoAxeViolations(phone.page, 'seeded dashboard (phone)');
    await phone.page.screenshot({ path: '/tmp/figures-dashboard-phone.png', fullPage: true });
    await phone.context.close();

    // the employee's "What my employer sees" shows the same figures, charts included
    const token = (await hrApi.get('/api/account/invite-link')).body.token as string;
    await stack.signIn('sam.figures@example.org', { inviteToken: token }); // joins; then signs in on a phone
    const employee = await newDevice(browser, { phone: true });
    await signInInBrowser(employee.page, stack, 'sam.figures@example.org');
    await employee.page.goto(`${stack.tenantUrl('demo')}/#/what-my-employer-sees`);
    await waitForHeading(employee.page, 'What my employer sees');
    await employee.page.locator('svg.stats-trend').first().waitFor();
    expect((await cards(employee.page)).map((c) => [c.title, c.latest, c.rows])).toEqual(
      shown.map((c) => [c.title, c.latest, c.rows]),
    );
    // and HR's line-manager figures, as HR sees them
    await employee.page.getByRole('heading', { name: 'Endorsement messages sent by line managers' }).waitFor();
    expect((await cards(employee.page, '.stats-managers')).map((c) => [c.title, c.latest, c.rows])).toEqual(
      managers.map((c) => [c.title, c.latest, c.rows]),
    );
    await expectNoAxeViolations(employee.page, 'what my employer sees (seeded)');
    await employee.context.close();
  });

  it('a small organisation sees "Not enough staff for this figure" exactly where the rule says so', async () => {
    const acme = await stack.signIn('people@acme.example', { slug: 'acme' });
    for (const kind of ['month', 'half', 'week'] as const) {
      const view = (await acme.get(`/api/stats/dashboard?kind=${kind}`)).body;
      expect(view.periods.length, kind).toBeGreaterThan(1);
      for (const f of view.figures as { metric: string; halfWidth: number }[]) {
        const suppressed = halfWidth90(kind, f.metric as never, 1) > INFORMATIVE_SHARE * 85;
        for (const p of view.periods as { cells: { metric: string; cell: { display: string; range: unknown } }[] }[]) {
          const cell = p.cells.find((c) => c.metric === f.metric)!.cell;
          if (suppressed) expect(cell.display, `${kind} ${f.metric}`).toBe('Not enough staff for this figure');
          else expect(cell.display, `${kind} ${f.metric}`).toMatch(/^(\d+|fewer than 10)$/);
        }
      }
    }
    const { context, page } = await newDevice(browser);
    await signInInBrowser(page, stack, 'people@acme.example', 'acme');
    await page.goto(`${stack.tenantUrl('acme')}/#/stats`);
    await waitForHeading(page, 'Uptake figures');
    await page.getByRole('heading', { name: 'Using Respite' }).waitFor();
    const shown = await cards(page);
    expect(shown.find((c) => c.title === 'Using Respite')!.latest).toBe('Not enough staff for this figure');
    expect(shown.find((c) => c.title === 'New joiners')!.latest).toMatch(
      /^(about \d+ — somewhere between \d+ and \d+|fewer than 10)$/,
    );
    await expectNoAxeViolations(page, 'small organisation dashboard');
    await page.screenshot({ path: '/tmp/figures-small-org-desktop.png', fullPage: true });
    await context.close();
  });
});

describe('reflow at 320 px (issue 24 #8)', () => {
  it('no HR page with tables widens the page: each table scrolls in its own labelled, focusable box', async () => {
    const { context, page } = await newDevice(browser, { phone: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await signInInBrowser(page, stack, 'hr@northwind.example');
    const hr = await stack.signIn('hr@northwind.example');
    expect(
      (
        await hr.post('/api/employer/departments', {
          name: 'Warehouse operations and logistics planning (north)',
          headcount: 120,
        })
      ).status,
    ).toBeLessThan(300);
    for (const [path, heading] of [
      ['/stats', 'Uptake figures'],
      ['/employer/departments', 'Departments'],
      ['/employer/managers', 'Line managers'],
    ] as const) {
      await page.goto(`${stack.tenantUrl('demo')}/#${path}`);
      await waitForHeading(page, heading);
      await page.locator('table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      const boxes = await page.locator('table').evaluateAll((tables) =>
        tables.map((t) => {
          const box = t.closest('.table-scroll');
          return box
            ? `${box.getAttribute('role')}|${box.getAttribute('tabindex')}|${box.getAttribute('aria-label') ? 'named' : 'unnamed'}`
            : 'no box';
        }),
      );
      expect(boxes.length, path).toBeGreaterThan(0);
      for (const b of boxes) expect(b, path).toBe('region|0|named');
      await expectNoAxeViolations(page, `${path} at 320 px`);
    }
    await context.close();
  });
});
