// Return-to-work planner: validation rules (limits, dates, hours, strategies), the guide's module links and the
// print-ready adjustments request.
import { describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { guideForPlanner, STRATEGIES, SUPPORT_ROLES } from '../../functions/domain/returntowork/guide.js';
import { renderAdjustmentsRequest } from '../../functions/domain/returntowork/print.js';
import { emptyPlanDocument, LIMITS, PlanDocument, SavePlanInput } from '../../functions/domain/returntowork/schema.js';

const problems = (input: unknown) => {
  const r = SavePlanInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

const base = { version: null };

describe('plan validation', () => {
  it('accepts an empty first save and fills in defaults', () => {
    const r = SavePlanInput.parse(base);
    expect(r.plan.schedule).toEqual([]);
    expect(r.plan.returnDate).toBeNull();
    expect(r.adjustments.requests).toEqual([]);
  });

  it('names the week whose date is not after the week before it', () => {
    const out = problems({
      ...base,
      plan: {
        schedule: [
          { weekStarting: '2027-01-04', hours: 8 },
          { weekStarting: '2027-01-18', hours: 12 },
          { weekStarting: '2027-01-11', hours: 16 },
        ],
      },
    });
    expect(out).toEqual([
      'plan.schedule.2.weekStarting: must be after the week before it (2027-01-18); put the weeks in date order',
    ]);
  });

  it('refuses a first week before the return date and a repeated week', () => {
    const out = problems({
      ...base,
      plan: {
        returnDate: '2027-01-11',
        schedule: [
          { weekStarting: '2027-01-04', hours: 8 },
          { weekStarting: '2027-01-04', hours: 8 },
        ],
      },
    });
    expect(out).toContain('plan.schedule.0.weekStarting: must not be before your return date (2027-01-11)');
    expect(out.some((p) => p.startsWith('plan.schedule.1.weekStarting: must be after'))).toBe(true);
  });

  it('refuses hours above the contract, naming the week', () => {
    const out = problems({
      ...base,
      plan: {
        contractHoursPerWeek: 22.5,
        schedule: [
          { weekStarting: '2027-01-04', hours: 10 },
          { weekStarting: '2027-01-11', hours: 30 },
        ],
      },
    });
    expect(out).toEqual(['plan.schedule.1.hours: must not be more than your contracted 22.5 hours a week']);
  });

  it('refuses impossible dates and odd hours', () => {
    expect(problems({ ...base, plan: { returnDate: '2027-02-30' } })).toEqual(['plan.returnDate: must be a real date']);
    expect(problems({ ...base, plan: { returnDate: '11/01/2027' } })).toEqual([
      'plan.returnDate: must be a date written YYYY-MM-DD',
    ]);
    expect(problems({ ...base, plan: { schedule: [{ weekStarting: '2027-01-04', hours: 7.1 }] } })).toEqual([
      'plan.schedule.0.hours: must be in steps of a quarter of an hour',
    ]);
    expect(problems({ ...base, plan: { contractHoursPerWeek: 81 } })).toEqual([
      `plan.contractHoursPerWeek: must be at most ${LIMITS.maxHoursPerWeek} hours`,
    ]);
  });

  it('states the limit for long text and for long lists', () => {
    expect(problems({ ...base, plan: { goals: 'a'.repeat(LIMITS.longText + 1) } })).toEqual([
      `plan.goals: must be at most ${LIMITS.longText} characters`,
    ]);
    expect(problems({ ...base, plan: { goals: 'a'.repeat(LIMITS.longText) } })).toEqual([]);
    const weeks = Array.from({ length: LIMITS.scheduleWeeks + 1 }, (_, i) => ({
      weekStarting: `2027-${String(1 + Math.floor(i / 4)).padStart(2, '0')}-0${1 + (i % 4)}`,
      hours: 1,
    }));
    expect(problems({ ...base, plan: { schedule: weeks } })).toContain(
      `plan.schedule: can have at most ${LIMITS.scheduleWeeks} weeks`,
    );
  });

  it('refuses unknown fields, unknown roles and strategies, and the same strategy twice', () => {
    expect(problems({ ...base, employer: 'x' })[0]).toMatch(/^: Unrecognized key/);
    expect(problems({ ...base, network: [{ name: 'Dr Shah', role: 'boss' }] })).toEqual([
      'network.0.role: must be one of the listed roles',
    ]);
    expect(problems({ ...base, strategies: [{ strategyId: 'nope' }] })).toEqual([
      'strategies.0.strategyId: must be one of the strategies in the guide',
    ]);
    expect(
      problems({ ...base, strategies: [{ strategyId: 'planned-breaks' }, { strategyId: 'planned-breaks' }] }),
    ).toEqual(['strategies.1.strategyId: is already in your list']);
  });

  it('requires a name for a support person and a description for a warning sign', () => {
    expect(problems({ ...base, network: [{ name: '  ', role: 'gp' }] })).toEqual([
      'network.0.name: add a name (or a description like “my GP”), or remove this row',
    ]);
    expect(problems({ ...base, plan: { warningSigns: [{ sign: '' }] } })).toEqual([
      'plan.warningSigns.0.sign: describe the sign, or remove this row',
    ]);
  });
});

describe('guide', () => {
  it('links strategies only to course modules that exist', () => {
    const ids = new Set(MODULES.map((m) => m.id));
    for (const s of STRATEGIES) for (const id of s.moduleIds) expect(ids.has(id), `${s.id} → ${id}`).toBe(true);
    const served = guideForPlanner();
    const linked = served.strategies.flatMap((s) => s.modules);
    expect(linked.length).toBeGreaterThan(0);
    for (const m of linked) expect(m.title).toBe(MODULES.find((x) => x.id === m.id)!.title);
  });

  it('covers the support roles the research names and says what each can help with', () => {
    const ids = SUPPORT_ROLES.map((r) => r.id);
    for (const id of ['gp', 'occupational_health', 'manager', 'colleague', 'union_rep', 'coach'])
      expect(ids).toContain(id);
    for (const r of SUPPORT_ROLES) expect(r.canHelpWith.length).toBeGreaterThan(20);
    expect(new Set(STRATEGIES.map((s) => s.id)).size).toBe(STRATEGIES.length);
  });
});

describe('adjustments request (print)', () => {
  const doc: PlanDocument = PlanDocument.parse({
    plan: { returnDate: '2027-01-11', schedule: [{ weekStarting: '2027-01-11', hours: 15, note: 'Mornings only' }] },
    adjustments: {
      yourName: 'Sam <b>Taylor</b>',
      addressedTo: 'My line manager',
      situation: 'I have been off with stress.\n\nI want to come back steadily.',
      requests: [{ what: 'Start at 10am for the first month', why: 'My sleep is still settling' }],
      review: 'A short chat every Friday.',
    },
  });

  it('shows what the person wrote, escaped, with the schedule and no Respite branding', () => {
    const html = renderAdjustmentsRequest(doc, new Date('2027-01-02T10:00:00Z'));
    expect(html).toContain('<h1>Request for workplace adjustments</h1>');
    expect(html).toContain('Sam &lt;b&gt;Taylor&lt;/b&gt;');
    expect(html).not.toContain('<b>Taylor');
    expect(html).toContain('<strong>Start at 10am for the first month</strong><br>My sleep is still settling');
    expect(html).toContain('<p>I have been off with stress.</p>\n<p>I want to come back steadily.</p>');
    expect(html).toContain('11 January 2027');
    expect(html).toContain('<td>15</td><td>Mornings only</td>');
    expect(html).toContain('Date: 2 January 2027');
    expect(html).not.toMatch(/respite/i);
    expect(html).not.toMatch(/<script/i);
  });

  it('says when nothing is listed yet', () => {
    const html = renderAdjustmentsRequest(emptyPlanDocument(), new Date('2027-01-02T10:00:00Z'));
    expect(html).toContain('No adjustments listed yet.');
    expect(html).not.toContain('<table');
  });
});
