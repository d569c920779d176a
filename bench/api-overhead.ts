// Benchmark 3: API overhead. Under load on loopback (autocannon), a typical authenticated employee read —
// GET /api/account/me: session cookie check + one GetItem of the profile — through the local API server (HTTP →
// tenant worker thread → the real middy handler) against a bare node:http handler doing the same single GetItem on
// the same DynamoDB Local. Runs alternate bare/ours so drift hits both. Then profiles in-process where time goes.

import autocannon from 'autocannon';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { normaliseEmail } from '../functions/shared/crypto.js';
import { keyEnv, loadKeyring, newTenantKeys, type TenantKeys } from '../functions/shared/keyring.js';
import { type Child, startChild } from './lib/children.js';
import { signInEmployee } from './lib/client.js';
import { median, writeResult } from './lib/common.js';
import { freePort, type LocalAws, startLocalAws } from './lib/local-aws.js';

const BUDGET = 1.3;
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 6);
const CONNECTIONS = 10;
const EMAIL = 'bench.reader@example.org';

interface LoadFigures {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: Math.round(r.requests.average),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

const avg = (xs: LoadFigures[], k: keyof LoadFigures) =>
  Math.round((xs.reduce((s, x) => s + x[k], 0) / xs.length) * 100) / 100;

async function inProcessProfile(
  aws: LocalAws,
  table: string,
  tenantKeys: TenantKeys,
  cookie: string,
  userId: string,
  appUrl: string,
) {
  Object.assign(process.env, {
    TENANT_ID: 'demo',
    TABLE_NAME: table,
    TENANT_CONFIG: JSON.stringify({ slug: 'demo', name: 'Northwind Logistics', adminEmails: ['hr@northwind.example'] }),
    APP_URL: appUrl,
    ...keyEnv(tenantKeys),
    EMAIL_FROM: 'no-reply@respite.local',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DDB_ENDPOINT: aws.ddbEndpoint,
    SES_ENDPOINT: aws.sesEndpoint,
  });
  const { setLogSink } = await import('../functions/shared/log.js');
  setLogSink(() => undefined, 'error');
  const { runtime } = await import('../functions/shared/runtime.js');
  const { keys } = await import('../functions/domain/keys.js');
  const { ProfileItem } = await import('../functions/domain/enrolment/schema.js');
  const { handler } = (await import('../functions/enrolment/http.js')) as unknown as {
    handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  };
  const event = (): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/account/me',
      rawQueryString: '',
      cookies: cookie.split('; '),
      headers: { 'user-agent': 'bench' },
      requestContext: {
        http: {
          method: 'GET',
          path: '/api/account/me',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'bench',
        },
        requestId: 'bench',
        routeKey: '$default',
        stage: '$default',
        time: '',
        timeEpoch: 0,
        accountId: '0',
        apiId: 'bench',
        domainName: 'localhost',
        domainPrefix: 'bench',
      },
      isBase64Encoded: false,
    }) as APIGatewayProxyEventV2;
  const ctx = {
    awsRequestId: 'bench',
    functionName: 'bench',
    getRemainingTimeInMillis: () => 30_000,
  } as unknown as Context;
  const db = (await runtime()).db;
  const N = 300;
  const time = async (f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await f();
      xs.push(performance.now() - t);
    }
    return Math.round(median(xs) * 100) / 100;
  };
  const first = await handler(event(), ctx);
  if (first.statusCode !== 200) throw new Error(`in-process /me returned ${first.statusCode}`);
  const bareGetMs = await time(() => db.get(keys.userProfile(userId), ProfileItem));
  const handlerMs = await time(() => handler(event(), ctx));
  const bareGetMs2 = await time(() => db.get(keys.userProfile(userId), ProfileItem));
  return { samples: N, dbGetMs: Math.min(bareGetMs, bareGetMs2), handlerMs };
}

async function main() {
  const aws = await startLocalAws();
  const children: Child[] = [];
  try {
    const tenantKeys = newTenantKeys();
    const port = await freePort();
    const stack = await startChild('bench/lib/serve-stack.ts', {
      BENCH_DDB: aws.ddbEndpoint,
      BENCH_SES: aws.sesEndpoint,
      BENCH_PORT: String(port),
      BENCH_KEYS: JSON.stringify(tenantKeys),
    });
    children.push(stack);
    const [url, table] = stack.ready as [string, string];
    const base = `${url}/t/demo`;
    const { employee } = await signInEmployee(base, aws.sesEndpoint, EMAIL);
    const cookie = employee.cookieHeader();
    const me = await employee.get('/api/account/me');
    if (me.status !== 200) throw new Error(`GET /api/account/me: ${me.status}`);

    // The bare server reads the very same profile item.
    const { localDynamoClient } = await import('../scripts/local/dynamodb.js');
    const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const doc = DynamoDBDocumentClient.from(localDynamoClient(aws.ddbEndpoint));
    const lookup = await doc.send(
      new GetCommand({
        TableName: table,
        Key: { pk: `EMAIL#${loadKeyring(tenantKeys).pseudonym('email', normaliseEmail(EMAIL))}`, sk: 'ACCOUNT' },
      }),
    );
    const userId = String(lookup.Item?.userId);
    const barePort = await freePort();
    const bare = await startChild('bench/lib/bare-server.ts', {
      BENCH_DDB: aws.ddbEndpoint,
      BENCH_TABLE: table,
      BENCH_PK: `USER#${userId}`,
      BENCH_SK: 'PROFILE',
      BENCH_PORT: String(barePort),
    });
    children.push(bare);
    const bareUrl = bare.ready[0]!;
    const check = await (await fetch(bareUrl)).json();
    if ((check as { email?: string }).email !== EMAIL) throw new Error('bare server did not read the profile');

    const ourUrl = `${base}/api/account/me`;
    const headers = { cookie };
    await load(bareUrl, {}, CONNECTIONS, 2); // warm-up both
    await load(ourUrl, headers, CONNECTIONS, 2);
    const bareRuns: LoadFigures[] = [];
    const ourRuns: LoadFigures[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bareRuns.push(await load(bareUrl, {}, CONNECTIONS, SECONDS));
      ourRuns.push(await load(ourUrl, headers, CONNECTIONS, SECONDS));
    }
    const bareSingle = await load(bareUrl, {}, 1, SECONDS);
    const ourSingle = await load(ourUrl, headers, 1, SECONDS);
    const summary = (runs: LoadFigures[]) => ({
      p50: avg(runs, 'p50'),
      p99: avg(runs, 'p99'),
      rps: avg(runs, 'rps'),
      errors: avg(runs, 'errors'),
      non2xx: avg(runs, 'non2xx'),
      runs,
    });
    const bareLoad = summary(bareRuns);
    const ourLoad = summary(ourRuns);
    await Promise.all(children.splice(0).map((c) => c.stop()));
    const profile = await inProcessProfile(aws, table, tenantKeys, cookie, userId, `${base}`);
    const result = {
      route: 'GET /api/account/me',
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      budget: BUDGET,
      bare: bareLoad,
      ours: ourLoad,
      ratioP50: Math.round((ourLoad.p50 / bareLoad.p50) * 100) / 100,
      singleConnection: {
        bare: bareSingle,
        ours: ourSingle,
        ratioP50: Math.round((ourSingle.p50 / Math.max(bareSingle.p50, 0.01)) * 100) / 100,
      },
      profile,
    };
    writeResult('api-overhead', result);
    console.log(
      JSON.stringify(
        {
          bare: { p50: bareLoad.p50, p99: bareLoad.p99, rps: bareLoad.rps },
          ours: { p50: ourLoad.p50, p99: ourLoad.p99, rps: ourLoad.rps },
          ratio: result.ratioP50,
          single: result.singleConnection,
          profile,
        },
        null,
        1,
      ),
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    aws.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  process.exit(0);
}
