// The "Sign-in timing" section of docs/performance.md, from bench/.out/sign-in-timing.json (bench/sign-in-timing.ts).
// Used by bench/run-all.ts and by the benchmark itself when it runs alone.

export interface RouteTiming {
  route: string;
  tries: number;
  medianWithMs: number;
  medianWithoutMs: number;
  medianDiffMs: number;
  pairedMedianDiffMs: number;
  auc: number;
  bestClassifierAuc: number;
  statuses: number[];
}
export interface SignInTimingResult {
  budget: { medianDiffMs: number; auc: number };
  routes: RouteTiming[];
}

export const SIGN_IN_TIMING_HEADING = '## 7. Sign-in timing';

const yes = (met: boolean) => (met ? '**met**' : '**missed**');

export function renderSignInTiming(r: (SignInTimingResult & { measuredAt: string }) | undefined): string {
  const out: string[] = [SIGN_IN_TIMING_HEADING, ''];
  if (!r) return `${[...out, 'Not measured (step failed).', ''].join('\n')}\n`;
  out.push(
    'Can response time tell whether an address has an account (issue 22)? `bench/sign-in-timing.ts`, through the local API',
    'server as a client on the network sees it. Sign-in does the same work either way (the same three lookups at once, a',
    'fresh code and link, one challenge PutItem — with no account a `none` challenge that can never sign in — and one email',
    'of the same sender, subject and size: `functions/domain/enrolment/sign-in.ts`). Each route is tried with addresses that',
    `have an employee account and addresses that have none, alternating (random order within each pair), ${r.routes[0]?.tries ?? 0} of each kind after`,
    'a warm-up, each address once, each try from its own loopback source address (so no rate limit is reached).',
    '"Median difference" is the median with an account minus the median without; "paired" is the median of the',
    'differences within each pair (adjacent in time, so drift cancels). "Classifier AUC" is the best threshold classifier',
    `on the time, max(AUC, 1 − AUC): 0.5 is a coin toss. Measured ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    `| Route | Median with account ms | Median without ms | Median difference ms | Paired median difference ms | Classifier AUC | Statuses | ≤ ${r.budget.medianDiffMs} ms | AUC ≤ ${r.budget.auc} |`,
    '|---|---:|---:|---:|---:|---:|---|---|---|',
  );
  for (const x of r.routes)
    out.push(
      `| ${x.route} | ${x.medianWithMs} | ${x.medianWithoutMs} | ${x.medianDiffMs} | ${x.pairedMedianDiffMs} | ${x.bestClassifierAuc} | ${x.statuses.join(', ')} | ${yes(Math.abs(x.medianDiffMs) <= r.budget.medianDiffMs)} | ${yes(x.bestClassifierAuc <= r.budget.auc)} |`,
    );
  out.push(
    '',
    'The machine is shared (2 cores, DynamoDB Local and local SES on the same cores), so single tries vary by several',
    'milliseconds and the median of 200 tries moves by about 0.5 ms between two kinds doing exactly the same work (the',
    'staff-invite route, which never looks at accounts, shows it); hence 1,000 tries of each kind. Before the change',
    '(issue 22) sign-in for an existing address did one more write and fewer reads: 0.9–3.8 ms slower at the median, AUC',
    '0.54–0.61 over 50 tries. A benchmark, not a test: the tests check the equal work itself, not times — the same',
    'DynamoDB requests for every kind of address (`tests/integration/ddb-request-count.test.ts`) and emails of the same',
    'sender, subject and size (`tests/integration/enrolment.test.ts`).',
    '',
  );
  return `${out.join('\n')}\n`;
}
