// Child process: the local stack for one benchmark (demo tenant, tenant worker thread running the real handlers,
// the local API server, optional web dist). Prints "READY <url>" and stops when its parent closes stdin.

import { resolve } from 'node:path';
import { makeDocumentClient } from '../../functions/shared/clients.js';
import { Db } from '../../functions/shared/db.js';
import { TenantKeysSchema } from '../../functions/shared/keyring.js';
import { tableNameFor } from '../../functions/shared/table-design.js';
import { TenantConfigSchema } from '../../functions/shared/tenant-config.js';
import { startApiServer, TenantWorker } from '../../scripts/local/api-server.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { DEMO_SEED, seedTenant } from '../../scripts/local/seed.js';
import { envFor } from '../../scripts/local/stack.js';
import { ROOT } from './common.js';

const e = process.env;
const tenant = TenantConfigSchema.parse({
  slug: 'demo',
  name: 'Northwind Logistics',
  adminEmails: ['hr@northwind.example'],
  coachEmails: ['coach@respite.example'],
});
const port = Number(e.BENCH_PORT);
const opts = {
  ddbEndpoint: e.BENCH_DDB!,
  sesEndpoint: e.BENCH_SES!,
  port,
  tenants: [tenant],
  tablePrefix: e.BENCH_TABLE_PREFIX ?? 'bench-',
  keysFor: () => TenantKeysSchema.parse(JSON.parse(e.BENCH_KEYS!)),
  runScheduler: false,
  quietLogs: true,
};
const tableName = tableNameFor(opts.tablePrefix, tenant.slug);
await ensureTable(localDynamoClient(opts.ddbEndpoint), tableName);
await seedTenant(
  new Db(makeDocumentClient({ region: 'eu-west-1', ddbEndpoint: opts.ddbEndpoint }), tableName),
  tenant,
  opts.keysFor(),
  DEMO_SEED,
);
const worker = new TenantWorker(tenant.slug, envFor(opts, tenant));
await worker.ready;
const server = await startApiServer({
  port,
  workers: new Map([[tenant.slug, worker]]),
  webDist: e.BENCH_WEB_DIST ?? resolve(ROOT, 'web/dist'),
  localControl: true,
});
console.log(`READY ${server.url} ${tableName}`);

const stop = async () => {
  await server.close();
  await worker.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
