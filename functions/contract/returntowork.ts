// /api/return-to-work: the employee's private return-to-work plan, the planner's guide and the printable request
// for workplace adjustments.
import { LIMITS, PlanDocumentShape, SavePlanInput } from '../domain/returntowork/schema.js';
import * as z from '../shared/zod.js';
import { endpoint, Iso, Text } from './endpoint.js';

const o = z.strictObject;
const R = '/api/return-to-work';

export const Guide = o({
  roles: z.readonly(z.array(o({ id: z.string(), label: z.string(), canHelpWith: z.string() }))),
  strategies: z.array(
    o({
      id: z.string(),
      title: z.string(),
      when: z.string(),
      tryThis: z.string(),
      modules: z.array(o({ id: z.string(), title: z.string() })),
    }),
  ),
  limits: o(
    Object.fromEntries(Object.keys(LIMITS).map((k) => [k, z.number()])) as Record<keyof typeof LIMITS, z.ZodMiniNumber>,
  ),
});
export type Guide = z.infer<typeof Guide>;

/** The plan as the person wrote it, with the version to send back on the next save (null before the first). */
export const PlanView = o({ version: z.nullable(z.number()), updatedAt: z.nullable(Iso), ...PlanDocumentShape });
export type PlanView = z.infer<typeof PlanView>;
export type PlanDocument = Omit<PlanView, 'version' | 'updatedAt'>;

export const returnToWork = {
  guide: endpoint({ method: 'GET', path: `${R}/guide`, response: Guide }),
  plan: endpoint({ method: 'GET', path: `${R}/plan`, response: PlanView }),
  savePlan: endpoint({ method: 'PUT', path: `${R}/plan`, body: SavePlanInput, response: PlanView }),
  adjustments: endpoint({
    method: 'GET',
    path: `${R}/adjustments.html`,
    query: o({ download: z.optional(z.enum(['1'])) }),
    response: Text,
  }),
};
