// Return-to-work planner router (prefix /api/return-to-work). Employee-only and private: no staff role can reach
// any of it, and nothing here feeds employer statistics.

import { returnToWork } from '../contract/returntowork.js';
import { PRINTABLE_CSP } from '../domain/mydata/html.js';
import { guideForPlanner } from '../domain/returntowork/guide.js';
import { renderAdjustmentsRequest } from '../domain/returntowork/print.js';
import { getPlan, savePlan } from '../domain/returntowork/repository.js';
import { LIMITS } from '../domain/returntowork/schema.js';
import { httpHandler, ok, route } from '../shared/http.js';

const EMPLOYEE = ['employee'] as const;

export const routes = [
  route({
    ...returnToWork.guide,
    auth: EMPLOYEE,
    handle: async () => ok({ ...guideForPlanner(), limits: LIMITS }),
  }),
  route({
    ...returnToWork.plan,
    auth: EMPLOYEE,
    handle: async ({ rt, principal }) => ok(await getPlan(rt.db, principal.userId)),
  }),
  route({
    ...returnToWork.savePlan,
    auth: EMPLOYEE,
    // Long free text in UTF-8 can reach this; the field limits above are the real bound.
    maxBodyBytes: 256 * 1024,
    handle: async ({ rt, principal, body, now }) => {
      const { version, ...doc } = body;
      return ok(await savePlan(rt.db, principal.userId, doc, version, now));
    },
  }),
  route({
    ...returnToWork.adjustments,
    auth: EMPLOYEE,
    handle: async ({ rt, principal, query, now }) => {
      const plan = await getPlan(rt.db, principal.userId);
      return {
        status: 200,
        text: renderAdjustmentsRequest(plan, now),
        contentType: 'text/html; charset=utf-8',
        headers: {
          'content-security-policy': PRINTABLE_CSP,
          ...(query.download
            ? { 'content-disposition': 'attachment; filename="workplace-adjustments-request.html"' }
            : {}),
        },
      };
    },
  }),
];

export const handler = httpHandler(routes);
