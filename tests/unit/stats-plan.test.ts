// The ε plan and the interval-width table of docs/statistics.md (issue 17): the table is generated from the real
// noise parameters (scripts/stats-table.ts), so the docs cannot drift from the code; and the plan is made so that the
// figures HR needs most — new joiners (weekly and monthly), "Using Respite" and Active — are published from 200 staff.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  INFORMATIVE_SHARE,
  type PeriodKind,
  plannedShareMillionths,
  type StatMetric,
} from '../../functions/domain/stats/catalogue.js';
import { halfWidth90 } from '../../functions/domain/stats/interval.js';
import { intervalTable, publishedFrom, TABLE_END, TABLE_START } from '../../scripts/stats-table.js';

const docs = readFileSync(new URL('../../docs/statistics.md', import.meta.url), 'utf8');

describe('the ε plan', () => {
  it('spends exactly ε_year over a budget year', () => {
    expect(plannedShareMillionths()).toBe(1_000_000);
  });

  it('publishes joiners, "Using Respite" and Active from 200 staff at the default ε_year = 1', () => {
    const needed: [PeriodKind, StatMetric][] = [
      ['week', 'new_enrolments'],
      ['month', 'new_enrolments'],
      ['month', 'enrolled'],
      ['half', 'active'],
    ];
    for (const [kind, metric] of needed) {
      const h = halfWidth90(kind, metric, 1);
      expect(h, `${kind} ${metric}`).toBeLessThanOrEqual(INFORMATIVE_SHARE * 200);
      expect(publishedFrom(h)).toBeLessThanOrEqual(200);
    }
    // and the rule is strict: "Using Respite" is withheld one step below its threshold
    const using = halfWidth90('month', 'enrolled', 1);
    expect(using > INFORMATIVE_SHARE * (publishedFrom(using) - 1)).toBe(true);
  });
});

describe('docs/statistics.md', () => {
  it('holds the interval-width table exactly as the code computes it', () => {
    const start = docs.indexOf(TABLE_START);
    const end = docs.indexOf(TABLE_END);
    expect(start, 'table markers in docs/statistics.md').toBeGreaterThan(-1);
    expect(docs.slice(start, end + TABLE_END.length)).toBe(intervalTable(1));
  });

  it('the table follows the parameters: every figure has a row, and a different ε gives a different table', () => {
    const table = intervalTable(1);
    for (const kind of Object.keys(CATALOGUE) as PeriodKind[])
      for (const e of CATALOGUE[kind]) expect(table).toContain(`| ${e.label} |`);
    expect(intervalTable(0.5)).not.toBe(table);
  });
});
