// Budget (issues 9 and 13): every read an employee can make costs at most 4 DynamoDB requests, the session check
// included (every signed-in request reads its session record, so revocation takes effect on the next request). The real handlers run
// in-process against DynamoDB Local; an SDK middleware on the runtime's Db client counts every command sent.
// Routes are collected from the real routers (a pass-through spy on httpHandler records each router's route list),
// so routes other engineers add are checked automatically. This is a count, not a time: it belongs in tests.

import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Route } from '../../functions/shared/http.js';
import { keyEnv, newTenantKeys } from '../../functions/shared/keyring.js';

const captured: Route[] = [];
vi.mock('../../functions/shared/http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/shared/http.js')>();
  // Pass-through: the real wrapper runs unchanged; we only keep a copy of each router's route list.
  return {
    ...actual,
    httpHandler: (routes: Route[]) => {
      captured.push(...routes);
      return actual.httpHandler(routes);
    },
  };
});

type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const BUDGET = 4;
const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;
const lambdaContext = {
  awsRequestId: 'count',
  functionName: 'count',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
const tenantKeys = newTenantKeys();
const handlers = new Map<string, Handler>();
const sent: string[] = [];
let prefixOf: (path: string) => string | undefined;
let advanceClock: (ms: number) => void;
let readInbox: typeof import('../../scripts/local/ses.js').readInbox;
let employeeCookies: string[] = [];

function event(method: string, path: string, cookies: string[], body?: unknown): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies,
    headers:
      body === undefined
        ? { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140' }
        : { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Chrome/140' },
    requestContext: {
      accountId: '0',
      apiId: 'count',
      domainName: 'localhost',
      domainPrefix: 'count',
      requestId: randomBytes(6).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'Chrome/140' },
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

async function call(method: string, path: string, cookies: string[] = [], body?: unknown) {
  const ctx = prefixOf(path);
  if (!ctx) throw new Error(`no context serves ${path}`);
  sent.length = 0;
  const res = await handlers.get(ctx)!(event(method, path, cookies, body), lambdaContext);
  return {
    status: res.statusCode ?? 200,
    requests: [...sent],
    cookies: (res.cookies ?? []).map((c) => c.split(';')[0]!),
    body: res.body,
  };
}

async function signIn(email: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await call('POST', '/api/account/sign-in', [], { email, ...extra });
  expect(res.status).toBe(202);
  const mails = (await readInbox(inject('sesEndpoint'))).filter((m) => m.destination.to.includes(email));
  const code = /\b(\d{6})\b/.exec(mails.at(-1)?.body.text ?? '')?.[1];
  const verified = await call('POST', '/api/account/verify', [], { email, code });
  expect(verified.status).toBe(200);
  return verified.cookies;
}

/** A value the route's path schema accepts: the first enum option, a real module/section, or a well-formed id. */
function sampleParam(
  route: Route,
  name: string,
  modules: readonly { id: string; sections?: readonly { id: string }[] }[],
): string {
  const field = (route.params as unknown as { shape?: Record<string, { options?: string[] }> } | undefined)?.shape?.[
    name
  ];
  if (field?.options?.length) return field.options[0]!;
  if (name === 'moduleId') return modules[0]!.id;
  if (name === 'sectionId') return modules[0]!.sections?.[0]?.id ?? 'section';
  if (name === 'departmentId') return 'warehouse';
  return 'probe_0123456789';
}

/** Query strings the routes need to get past validation (others are sent without a query). */
const QUERY_SAMPLES: Record<string, string> = {
  '/api/programme/modules/:moduleId/calendar.ics': '?start=2026-12-01T09:00:00.000Z',
  '/api/stats/what-my-employer-sees': '?kind=month',
  '/api/stats/what-my-employer-sees/departments': '?kind=month&period=2026-11&metric=enrolled',
};

let employeeReads: Route[] = [];
let modules: readonly { id: string; sections?: readonly { id: string }[] }[] = [];

beforeAll(async () => {
  const ddbEndpoint = inject('ddbEndpoint');
  const tableName = `count-${randomBytes(4).toString('hex')}-demo`;
  Object.assign(process.env, {
    TENANT_ID: 'demo',
    TABLE_NAME: tableName,
    TENANT_CONFIG: JSON.stringify({
      slug: 'demo',
      name: 'Northwind Logistics',
      adminEmails: ['hr@northwind.example'],
      coachEmails: ['coach@respite.example'],
    }),
    APP_URL: 'http://localhost:3000/t/demo',
    ...keyEnv(tenantKeys),
    EMAIL_FROM: 'no-reply@respite.local',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DDB_ENDPOINT: ddbEndpoint,
    SES_ENDPOINT: inject('sesEndpoint'),
  });
  const { ensureTable, localDynamoClient } = await import('../../scripts/local/dynamodb.js');
  const { DEMO_SEED, seedTenant } = await import('../../scripts/local/seed.js');
  const { TenantConfigSchema } = await import('../../functions/shared/tenant-config.js');
  const { runtime } = await import('../../functions/shared/runtime.js');
  const { setLogSink } = await import('../../functions/shared/log.js');
  const contexts = await import('../../functions/contexts.js');
  ({ advanceClock } = await import('../../functions/shared/clock.js'));
  ({ readInbox } = await import('../../scripts/local/ses.js'));
  ({ MODULES: modules } = await import('../../functions/domain/programme/content/all-modules.js'));
  setLogSink(() => undefined, 'error');

  await ensureTable(localDynamoClient(ddbEndpoint), tableName);
  await seedTenant(
    (await runtime()).db,
    TenantConfigSchema.parse(JSON.parse(process.env.TENANT_CONFIG!)),
    tenantKeys,
    DEMO_SEED,
  );
  // Count every command the handlers send through the one Db client (initialize step: once per command, not per retry).
  (await runtime()).db.intercept((command, send) => {
    sent.push(command.name);
    return send();
  });

  for (const c of contexts.HTTP_CONTEXTS)
    handlers.set(
      c.name,
      ((await import(/* @vite-ignore */ pathToFileURL(`${FUNCTIONS_DIR}${c.entry}`).href)) as { handler: Handler })
        .handler,
    );
  prefixOf = (path) => contexts.contextForPath(path.split('?')[0]!)?.name;

  const hr = await signIn('hr@northwind.example');
  const invite = await call('GET', '/api/account/invite-link', hr);
  const inviteToken = JSON.parse(invite.body ?? '{}').token as string;
  employeeCookies = await signIn('counted.employee@example.org', { inviteToken, departmentId: 'warehouse' });
  employeeReads = captured.filter((r) => r.method === 'GET' && (r.auth === 'public' || r.auth.includes('employee')));
});

afterAll(() => vi.restoreAllMocks());

describe('DynamoDB requests per employee read', () => {
  it('finds the routers and counts requests (a signed-in request starts with the session GetItem)', async () => {
    expect(handlers.size).toBeGreaterThanOrEqual(1);
    expect(employeeReads.map((r) => r.path)).toContain('/api/account/me');
    const me = await call('GET', '/api/account/me', employeeCookies);
    expect(me.status).toBe(200);
    expect(me.requests[0]).toBe('GetItemCommand');
    // without a cookie there is no session check: a public read costs only its own requests
    const org = await call('GET', '/api/account/org');
    const orgSignedIn = await call('GET', '/api/account/org', employeeCookies);
    expect(orgSignedIn.requests).toEqual(['GetItemCommand', ...org.requests]);
  });

  it(`every GET an employee can reach costs at most ${BUDGET} requests`, async () => {
    const rows: { route: string; status: number; requests: number; commands: string }[] = [];
    for (const r of employeeReads) {
      const path =
        r.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(sampleParam(r, name, modules))) +
        (QUERY_SAMPLES[r.path] ?? '');
      const res = await call('GET', path, r.auth === 'public' && r.path.includes(':token') ? [] : employeeCookies);
      rows.push({
        route: r.path,
        status: res.status,
        requests: res.requests.length,
        commands: res.requests.join(' + '),
      });
    }
    console.table(rows);
    // `npm run bench` reads the table from here for docs/performance.md.
    if (process.env.BENCH_REQUEST_COUNT_OUT)
      writeFileSync(process.env.BENCH_REQUEST_COUNT_OUT, JSON.stringify({ budget: BUDGET, rows }, null, 2));
    expect(rows.filter((row) => row.status >= 500)).toEqual([]);
    expect(rows.filter((row) => row.requests > BUDGET)).toEqual([]);
    // Most reads really ran (not stopped by validation before any read): the counts mean something.
    expect(rows.filter((row) => row.status === 200).length).toBeGreaterThanOrEqual(Math.ceil(rows.length / 2));
  });

  it('every signed-in request makes exactly one session request; every 5 minutes it is the lastSeenAt update', async () => {
    const before = await call('GET', '/api/account/me', employeeCookies);
    expect(before.requests[0]).toBe('GetItemCommand');
    advanceClock(6 * 60_000);
    const after = await call('GET', '/api/account/me', employeeCookies);
    expect(after.status).toBe(200);
    // the same number of requests: the consistent GetItem is replaced by one conditional UpdateItem (returns the record)
    expect(after.requests).toEqual(['UpdateItemCommand', ...before.requests.slice(1)]);
    // the refreshed cookie records the write, so the next request is back to the GetItem
    const next = await call('GET', '/api/account/me', after.cookies);
    expect(next.requests).toEqual(before.requests);
  });
});

// Issue 22: no timing signal. Whether an address has an account (employee or staff), a pending staff invitation or is
// on the bootstrap list must not change which DynamoDB requests sign-in makes: the same reads, the same challenge put
// (bench/sign-in-timing.ts measures the times). The emails match in sender, subject and size: enrolment.test.ts.
describe('sign-in makes the same DynamoDB requests whatever accounts the address has', () => {
  const commands = (r: { requests: string[] }) => [...r.requests].sort().join(' + ');
  let hrCookies: string[] = [];
  const ADDRESSES = {
    'no account': 'never.joined@example.org',
    'an employee account': 'counted.employee@example.org',
    'a staff account (HR)': 'hr@northwind.example',
    'a pending staff invitation': 'invited.manager@example.org',
    'the bootstrap list (not signed in yet)': 'coach@respite.example',
  } as const;

  beforeAll(async () => {
    hrCookies = await signIn('hr@northwind.example');
    expect(
      (
        await call('POST', '/api/account/staff-invites', hrCookies, {
          email: ADDRESSES['a pending staff invitation'],
          role: 'manager',
        })
      ).status,
    ).toBe(202);
  });

  it('on the sign-in page, and then for a wrong code', async () => {
    const signInRequests: Record<string, string> = {};
    const verifyRequests: Record<string, string> = {};
    for (const [what, email] of Object.entries(ADDRESSES)) {
      const asked = await call('POST', '/api/account/sign-in', [], { email });
      expect(asked.status).toBe(202);
      signInRequests[what] = commands(asked);
      const wrong = await call('POST', '/api/account/verify', [], { email, code: '000000' });
      expect(wrong.status).toBe(400);
      verifyRequests[what] = commands(wrong);
    }
    const none = signInRequests['no account']!;
    expect(none).toContain('PutItemCommand'); // the challenge is put with no account too
    expect(none.split(' + ').filter((c) => c === 'GetItemCommand').length).toBeGreaterThanOrEqual(3); // staff, invitation, employee
    for (const what of Object.keys(ADDRESSES))
      expect({ what, requests: signInRequests[what] }).toEqual({ what, requests: none });
    for (const what of Object.keys(ADDRESSES))
      expect({ what, requests: verifyRequests[what] }).toEqual({ what, requests: verifyRequests['no account'] });
    expect(verifyRequests['no account']).toContain('UpdateItemCommand'); // the attempt is counted there too
  });

  it('through the invite link, and for an HR staff invitation', async () => {
    const inviteToken = JSON.parse((await call('GET', '/api/account/invite-link', hrCookies)).body ?? '{}')
      .token as string;
    const join = async (email: string) =>
      commands(await call('POST', '/api/account/sign-in', [], { email, inviteToken }));
    expect(await join('counted.employee@example.org')).toBe(await join('joins.now@example.org'));
    const invite = async (email: string) =>
      commands(await call('POST', '/api/account/staff-invites', hrCookies, { email, role: 'manager' }));
    expect(await invite('counted.employee@example.org')).toBe(await invite('no.account.yet@example.org'));
  });

  it('the "no account" challenge never signs in, and does not cancel a join code half-way through', async () => {
    const inviteToken = JSON.parse((await call('GET', '/api/account/invite-link', hrCookies)).body ?? '{}')
      .token as string;
    const email = 'halfway.joiner@example.org';
    expect((await call('POST', '/api/account/sign-in', [], { email, inviteToken })).status).toBe(202);
    const mails = (await readInbox(inject('sesEndpoint'))).filter((m) => m.destination.to.includes(email));
    const joinCode = /\b(\d{6})\b/.exec(mails.at(-1)?.body.text ?? '')?.[1];
    // the same address on the plain sign-in page (no account yet): a "no account" note, and the join code still works
    expect((await call('POST', '/api/account/sign-in', [], { email })).status).toBe(202);
    const joined = await call('POST', '/api/account/verify', [], { email, code: joinCode });
    expect(joined.status).toBe(200);

    // a `none` challenge whose code were somehow known still signs nobody in and makes no account
    const { runtime } = await import('../../functions/shared/runtime.js');
    const { keys } = await import('../../functions/domain/keys.js');
    const { loadKeyring } = await import('../../functions/shared/keyring.js');
    const { ChallengeItem, EmailLookupItem } = await import('../../functions/domain/enrolment/schema.js');
    const stranger = 'no.account.guessed@example.org';
    expect((await call('POST', '/api/account/sign-in', [], { email: stranger })).status).toBe(202);
    const keyring = loadKeyring(tenantKeys);
    const emailHash = keyring.pseudonym('email', stranger);
    const db = (await runtime()).db;
    const challenge = await db.get(keys.signInChallenge(emailHash), ChallengeItem, { consistent: true });
    expect(challenge?.intent).toBe('none');
    expect(challenge?.email).toBe(''); // it keeps no address
    await db.put({
      ...keys.signInChallenge(emailHash),
      ...challenge!,
      codeHash: keyring.pseudonym('challenge', `code:${emailHash}:123456`),
    });
    const guessed = await call('POST', '/api/account/verify', [], { email: stranger, code: '123456' });
    expect(guessed.status).toBe(400);
    expect(JSON.parse(guessed.body ?? '{}').error.code).toBe('invalid_code');
    expect(guessed.cookies).toEqual([]);
    expect(await db.get(keys.emailLookup(emailHash), EmailLookupItem)).toBeUndefined();
  });
});
