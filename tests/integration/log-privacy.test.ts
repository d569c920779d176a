// Logs never contain emails, codes, free text, user ids or IPs: run the whole sign-in journey in-process with the
// log sink captured and search every line.
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { setLogSink } from '../../functions/shared/log.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { readInbox } from '../../scripts/local/ses.js';
import { apiEvent, cookiePairs, lambdaContext } from '../support/events.js';
import { inProcessFunctionEnv, latestCode } from '../support/stack.js';

const lines: string[] = [];
let handler: (e: unknown, c: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  const table = `logs-${randomBytes(4).toString('hex')}`;
  await ensureTable(localDynamoClient(inject('ddbEndpoint')), table);
  Object.assign(process.env, inProcessFunctionEnv(table));
  setLogSink((l) => lines.push(l), 'debug');
  handler = (await import('../../functions/enrolment/http.js')).handler as never;
});
afterAll(() => setLogSink((l) => process.stdout.write(`${l}\n`), 'info'));

it('a full sign-in journey, with errors, logs nothing personal', async () => {
  const email = 'private.person@example.org';
  const call = (method: string, path: string, body?: unknown, cookies?: string[]) =>
    handler(apiEvent({ method, path, body, cookies, ip: '203.0.113.77' }), lambdaContext);
  expect((await call('POST', '/api/account/sign-in', { email })).statusCode).toBe(202); // an address with no account
  const hrEmail = 'hr@northwind.example';
  await call('POST', '/api/account/sign-in', { email: hrEmail });
  const code = latestCode((await readInbox(inject('sesEndpoint'))).filter((m) => m.destination.to.includes(hrEmail)))!;
  await call('POST', '/api/account/verify', { email: hrEmail, code: code === '000000' ? '111111' : '000000' });
  const ok = await call('POST', '/api/account/verify', { email: hrEmail, code });
  expect(ok.statusCode).toBe(200);
  const cookies = cookiePairs(ok.cookies);
  const me = await call('GET', '/api/account/me', undefined, cookies);
  const userId = JSON.parse(Buffer.from(cookies[0]!.split('=')[1]!.split('.')[1]!, 'base64url').toString())
    .sub as string;
  expect(me.statusCode).toBe(200);
  await call('POST', '/api/account/sign-in', { email: 'free text with spaces <b>' });
  await call(
    'POST',
    '/api/account/staff-invites',
    { email: 'new.manager@northwind.example', role: 'manager' },
    cookies,
  );

  expect(lines.length).toBeGreaterThanOrEqual(7);
  const all = lines.join('\n');
  for (const secret of [email, hrEmail, 'new.manager', code, userId, '203.0.113.77', 'free text', 'northwind.example'])
    expect(all, `logs must not contain ${secret}`).not.toContain(secret);
  // every line is structured JSON with an event name
  for (const l of lines) expect(JSON.parse(l)).toHaveProperty('event');
});
