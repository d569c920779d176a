// The return-to-work plan: input validation (limits are shown in the UI too) and the stored item.
import { z } from 'zod';
import { STRATEGY_IDS, SUPPORT_ROLE_IDS } from './guide.js';

/** Text limits, shared with the UI so what it says is what the server enforces. */
export const LIMITS = {
  shortText: 200,
  name: 80,
  longText: 2000,
  note: 500,
  scheduleWeeks: 26,
  warningSigns: 10,
  network: 15,
  strategies: 20,
  adjustments: 12,
  maxHoursPerWeek: 80,
} as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A calendar date written YYYY-MM-DD that really exists (no 31 February). */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the format message above already covers it
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real date');

const Hours = z
  .number({ error: 'must be a number of hours' })
  .min(0, 'must be 0 or more')
  .max(LIMITS.maxHoursPerWeek, `must be at most ${LIMITS.maxHoursPerWeek} hours`)
  .refine((n) => Number.isInteger(n * 4), 'must be in steps of a quarter of an hour');

export const ScheduleWeek = z.strictObject({
  weekStarting: IsoDate,
  hours: Hours,
  note: text(LIMITS.shortText).default(''),
});

export const WarningSign = z.strictObject({
  sign: text(LIMITS.shortText).min(1, 'describe the sign, or remove this row'),
  whatToDo: text(LIMITS.note).default(''),
});

export const SupportPerson = z.strictObject({
  name: text(LIMITS.name).min(1, 'add a name (or a description like “my GP”), or remove this row'),
  role: z.enum(SUPPORT_ROLE_IDS, 'must be one of the listed roles'),
  canHelpWith: text(LIMITS.note).default(''),
  contact: text(LIMITS.shortText).default(''),
});

export const ChosenStrategy = z.strictObject({
  strategyId: z.enum(STRATEGY_IDS, 'must be one of the strategies in the guide'),
  note: text(LIMITS.note).default(''),
});

export const AdjustmentRequest = z.strictObject({
  what: text(LIMITS.shortText).min(1, 'say what would help, or remove this row'),
  why: text(LIMITS.note).default(''),
});

export const Plan = z.strictObject({
  returnDate: IsoDate.nullable().default(null),
  contractHoursPerWeek: Hours.nullable().default(null),
  goals: text(LIMITS.longText).default(''),
  firstDay: text(LIMITS.longText).default(''),
  firstWeeks: text(LIMITS.longText).default(''),
  schedule: z.array(ScheduleWeek).max(LIMITS.scheduleWeeks, `can have at most ${LIMITS.scheduleWeeks} weeks`).default([]),
  warningSigns: z.array(WarningSign).max(LIMITS.warningSigns, `can have at most ${LIMITS.warningSigns} signs`).default([]),
});

export const Adjustments = z.strictObject({
  yourName: text(LIMITS.name).default(''),
  addressedTo: text(LIMITS.shortText).default(''),
  situation: text(LIMITS.longText).default(''),
  requests: z.array(AdjustmentRequest).max(LIMITS.adjustments, `can have at most ${LIMITS.adjustments} requests`).default([]),
  review: text(LIMITS.note).default(''),
});

const PlanDocumentShape = {
  plan: Plan.default(Plan.parse({})),
  network: z.array(SupportPerson).max(LIMITS.network, `can have at most ${LIMITS.network} people`).default([]),
  strategies: z.array(ChosenStrategy).max(LIMITS.strategies, `can have at most ${LIMITS.strategies} strategies`).default([]),
  adjustments: Adjustments.default(Adjustments.parse({})),
};

/** Rules that span fields: the schedule runs forwards, starts on or after the return date, stays within contract. */
function checkPlan<T extends { plan: z.infer<typeof Plan>; strategies: z.infer<typeof ChosenStrategy>[] }>(doc: T, ctx: z.core.$RefinementCtx<T>) {
  const { schedule, returnDate, contractHoursPerWeek } = doc.plan;
  schedule.forEach((week, i) => {
    const previous = schedule[i - 1];
    if (previous && week.weekStarting <= previous.weekStarting)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', 'schedule', i, 'weekStarting'],
        message: `must be after the week before it (${previous.weekStarting}); put the weeks in date order`,
      });
    if (i === 0 && returnDate && week.weekStarting < returnDate)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', 'schedule', i, 'weekStarting'],
        message: `must not be before your return date (${returnDate})`,
      });
    if (contractHoursPerWeek !== null && week.hours > contractHoursPerWeek)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', 'schedule', i, 'hours'],
        message: `must not be more than your contracted ${contractHoursPerWeek} hours a week`,
      });
  });
  const seen = new Set<string>();
  doc.strategies.forEach((s, i) => {
    if (seen.has(s.strategyId))
      ctx.addIssue({ code: 'custom', path: ['strategies', i, 'strategyId'], message: 'is already in your list' });
    seen.add(s.strategyId);
  });
}

/** The part of the plan the person writes (what the UI sends and gets back). */
export const PlanDocument = z.strictObject(PlanDocumentShape).superRefine(checkPlan);
export type PlanDocument = z.infer<typeof PlanDocument>;

/** PUT body: the whole document plus the version it was based on (null for the first save). */
export const SavePlanInput = z
  .strictObject({
    version: z.number().int().min(1).nullable(),
    ...PlanDocumentShape,
  })
  .superRefine(checkPlan);

/** Stored item (USER#<userId> / RTW#PLAN). */
export const PlanItem = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...PlanDocumentShape,
});
export type PlanItem = z.infer<typeof PlanItem>;

export const emptyPlanDocument = (): PlanDocument => PlanDocument.parse({});
