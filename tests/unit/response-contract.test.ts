// Every answer is checked against its contract schema when config.checkResponses is on (the local stack and every
// test stack): an answer that breaks its schema becomes a 500 and a log line naming the route, so the integration and
// browser tests fail on it. In AWS the flag is off and the answer goes out as the handler built it.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endpoint, NoBody, Text } from '../../functions/contract/endpoint.js';
import { keyEnv, newTenantKeys } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';

const ENV = {
  TENANT_ID: 'acme',
  TABLE_NAME: 'unit-none',
  TENANT_CONFIG: JSON.stringify({ slug: 'acme', name: 'Acme', adminEmails: ['hr@acme.example'] }),
  APP_URL: 'https://acme.respite.example',
  ...keyEnv(newTenantKeys()),
  EMAIL_FROM: 'no-reply@respite.example',
  DDB_ENDPOINT: 'http://127.0.0.1:9',
  LOG_LEVEL: 'error',
};

const event = (path: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { requestId: 'r', http: { method: 'GET', path, sourceIp: '127.0.0.1', userAgent: 'unit' } },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const Thing = z.strictObject({ id: z.string(), count: z.number(), when: z.nullable(z.string()) });
const thing = endpoint({ method: 'GET', path: '/api/t/thing', response: Thing });
const none = endpoint({ method: 'GET', path: '/api/t/none', response: NoBody });
const text = endpoint({ method: 'GET', path: '/api/t/text', response: Text });

/** What each handler answers (set per case); the route table is the same for every case. */
let answer: unknown;

async function load(checkResponses: '0' | '1') {
  vi.resetModules();
  Object.assign(process.env, ENV, { CHECK_RESPONSES: checkResponses });
  const http = await import('../../functions/shared/http.js');
  const { setLogSink } = await import('../../functions/shared/log.js');
  const lines: string[] = [];
  setLogSink((l) => lines.push(l), 'error');
  // The cast stands for a handler whose code drifted from its contract (what this check exists to catch).
  const handler = http.httpHandler([
    http.route({ ...thing, auth: 'public', handle: async () => answer as never }),
    http.route({ ...none, auth: 'public', handle: async () => answer as never }),
    http.route({ ...text, auth: 'public', handle: async () => answer as never }),
  ]);
  const get = async (path: string) =>
    (await handler(event(path), {} as never)) as APIGatewayProxyStructuredResultV2 & { statusCode: number };
  return { get, lines };
}

afterEach(() => {
  delete process.env.CHECK_RESPONSES;
});

const good = { id: 'a', count: 1, when: null };
const CASES: { name: string; path: string; reply: unknown; passes: boolean; problem?: RegExp }[] = [
  { name: 'matching body', path: '/api/t/thing', reply: { status: 200, body: good }, passes: true },
  {
    name: 'a field missing',
    path: '/api/t/thing',
    reply: { status: 200, body: { id: 'a', count: 1 } },
    passes: false,
    problem: /when: invalid_type/,
  },
  {
    name: 'a field of the wrong type',
    path: '/api/t/thing',
    reply: { status: 200, body: { ...good, count: '1' } },
    passes: false,
    problem: /count: invalid_type/,
  },
  {
    name: 'a field the contract does not name (a leak)',
    path: '/api/t/thing',
    reply: { status: 201, body: { ...good, email: 'someone@example.org' } },
    passes: false,
    problem: /unrecognized_keys/,
  },
  {
    name: 'text where JSON is promised',
    path: '/api/t/thing',
    reply: { status: 200, text: 'a,b' },
    passes: false,
    problem: /\(root\): invalid_type/,
  },
  { name: '204 with no body', path: '/api/t/none', reply: { status: 204, body: undefined }, passes: true },
  {
    name: 'a body on a no-body route',
    path: '/api/t/none',
    reply: { status: 200, body: { done: true } },
    passes: false,
  },
  { name: 'text route with text', path: '/api/t/text', reply: { status: 200, text: 'BEGIN:VCALENDAR' }, passes: true },
  { name: 'JSON on a text route', path: '/api/t/text', reply: { status: 200, body: good }, passes: false },
  // Error answers carry the one error shape, not the route's response: they are not checked against it.
  { name: 'a 4xx is not checked', path: '/api/t/thing', reply: { status: 409, body: { other: 1 } }, passes: true },
];

describe('response contract check (CHECK_RESPONSES=1)', () => {
  it.each(CASES)('$name → $passes', async ({ path, reply, passes, problem }) => {
    const { get, lines } = await load('1');
    answer = reply;
    const res = await get(path);
    if (passes) {
      expect(res.statusCode).toBe((reply as { status: number }).status);
      expect(lines.filter((l) => l.includes('response_contract_broken'))).toEqual([]);
      return;
    }
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body!).error.code).toBe('internal');
    const broken = lines.map((l) => JSON.parse(l)).find((l) => l.event === 'response_contract_broken');
    expect(broken).toMatchObject({ route: `GET ${path}` });
    if (problem) expect(broken.kind).toMatch(problem);
    // the log names paths and codes only, never the values (no email, no free text)
    expect(lines.join('\n')).not.toContain('someone@example.org');
  });
});

describe('response contract check off (AWS)', () => {
  it('a body that breaks the contract goes out unchanged', async () => {
    const { get, lines } = await load('0');
    answer = { status: 200, body: { id: 'a', count: '1' } };
    const res = await get('/api/t/thing');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ id: 'a', count: '1' });
    expect(lines).toEqual([]);
  });
});
