// The return-to-work plan: input validation (limits are shown in the UI too) and the stored item.
import * as z from '../../shared/zod.js';
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

const text = (max: number, ...more: z.core.$ZodCheck<string>[]) =>
  z.string().check(z.trim(), z.maxLength(max, `must be at most ${max} characters`), ...more);
const optionalText = (max: number) => z._default(text(max), '');

/** A calendar date written YYYY-MM-DD that really exists (no 31 February). */
const IsoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the format message above already covers it
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real date'),
);

const Hours = z.number({ error: 'must be a number of hours' }).check(
  z.minimum(0, 'must be 0 or more'),
  z.maximum(LIMITS.maxHoursPerWeek, `must be at most ${LIMITS.maxHoursPerWeek} hours`),
  z.refine((n) => Number.isInteger(n * 4), 'must be in steps of a quarter of an hour'),
);

export const ScheduleWeek = z.strictObject({
  weekStarting: IsoDate,
  hours: Hours,
  note: optionalText(LIMITS.shortText),
});

export const WarningSign = z.strictObject({
  sign: text(LIMITS.shortText, z.minLength(1, 'describe the sign, or remove this row')),
  whatToDo: optionalText(LIMITS.note),
});

export const SupportPerson = z.strictObject({
  name: text(LIMITS.name, z.minLength(1, 'add a name (or a description like “my GP”), or remove this row')),
  role: z.enum(SUPPORT_ROLE_IDS, 'must be one of the listed roles'),
  canHelpWith: optionalText(LIMITS.note),
  contact: optionalText(LIMITS.shortText),
});

export const ChosenStrategy = z.strictObject({
  strategyId: z.enum(STRATEGY_IDS, 'must be one of the strategies in the guide'),
  note: optionalText(LIMITS.note),
});

export const AdjustmentRequest = z.strictObject({
  what: text(LIMITS.shortText, z.minLength(1, 'say what would help, or remove this row')),
  why: optionalText(LIMITS.note),
});

export const Plan = z.strictObject({
  returnDate: z._default(z.nullable(IsoDate), null),
  contractHoursPerWeek: z._default(z.nullable(Hours), null),
  goals: optionalText(LIMITS.longText),
  firstDay: optionalText(LIMITS.longText),
  firstWeeks: optionalText(LIMITS.longText),
  schedule: z._default(
    z.array(ScheduleWeek).check(z.maxLength(LIMITS.scheduleWeeks, `can have at most ${LIMITS.scheduleWeeks} weeks`)),
    [],
  ),
  warningSigns: z._default(
    z.array(WarningSign).check(z.maxLength(LIMITS.warningSigns, `can have at most ${LIMITS.warningSigns} signs`)),
    [],
  ),
});

export const Adjustments = z.strictObject({
  yourName: optionalText(LIMITS.name),
  addressedTo: optionalText(LIMITS.shortText),
  situation: optionalText(LIMITS.longText),
  requests: z._default(
    z
      .array(AdjustmentRequest)
      .check(z.maxLength(LIMITS.adjustments, `can have at most ${LIMITS.adjustments} requests`)),
    [],
  ),
  review: optionalText(LIMITS.note),
});

export const PlanDocumentShape = {
  plan: z._default(Plan, () => Plan.parse({})),
  network: z._default(
    z.array(SupportPerson).check(z.maxLength(LIMITS.network, `can have at most ${LIMITS.network} people`)),
    [],
  ),
  strategies: z._default(
    z.array(ChosenStrategy).check(z.maxLength(LIMITS.strategies, `can have at most ${LIMITS.strategies} strategies`)),
    [],
  ),
  adjustments: z._default(Adjustments, () => Adjustments.parse({})),
};

/** Rules that span fields: the schedule runs forwards, starts on or after the return date, stays within contract. */
function checkPlan<T extends { plan: z.infer<typeof Plan>; strategies: z.infer<typeof ChosenStrategy>[] }>(
  doc: T,
  ctx: z.core.$RefinementCtx<T>,
) {
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
export const PlanDocument = z.strictObject(PlanDocumentShape).check(z.superRefine(checkPlan));
export type PlanDocument = z.infer<typeof PlanDocument>;

/** PUT body: the whole document plus the version it was based on (null for the first save). */
export const SavePlanInput = z
  .strictObject({
    version: z.nullable(z.int().check(z.minimum(1))),
    ...PlanDocumentShape,
  })
  .check(z.superRefine(checkPlan));

/** Stored item (USER#<userId> / RTW#PLAN). */
export const PlanItem = z.object({
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...PlanDocumentShape,
});
export type PlanItem = z.infer<typeof PlanItem>;

export const emptyPlanDocument = (): PlanDocument => PlanDocument.parse({});
