// `npm start`: the whole local stack in one terminal — DynamoDB Local, local SES (inbox at :8005), the API server
// running the real handlers per tenant, the web app and the scheduler — with a seeded demo organisation.
// `npm start -- --reset` wipes local data first. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { keys } from '../functions/domain/keys.js';
import { InviteItem } from '../functions/domain/org/schema.js';
import { newTenantKeys, type TenantKeys, TenantKeysSchema } from '../functions/shared/keyring.js';
import { JAVA_MISSING_HELP, javaAvailable, startDynamoDbLocal, waitForHttp } from './local/dynamodb.js';
import { startSesLocal } from './local/ses.js';
import { loadTenantFiles, ROOT, startLocalStack } from './local/stack.js';

const c = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
  cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  magenta: (s: string) => `\x1b[35m${s}\x1b[39m`,
};
const step = (what: string) => console.log(`${c.cyan('›')} ${what}`);
const done = (what: string, ms: number) =>
  console.log(`${c.green('✔')} ${what} ${c.dim(`(${(ms / 1000).toFixed(1)} s)`)}`);

const PORTS = {
  api: Number(process.env.PORT ?? 3000),
  ses: Number(process.env.SES_PORT ?? 8005),
  ddb: Number(process.env.DDB_PORT ?? 8000),
};
const DATA_DIR = resolve(ROOT, '.local');

function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** Per-tenant keys for local use, kept in .local/ (git-ignored) so accounts and sessions survive restarts. */
function localKeys(slug: string): TenantKeys {
  const file = resolve(DATA_DIR, `keys-${slug}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(newTenantKeys(), null, 2), { mode: 0o600 });
  return TenantKeysSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Everything started so far, stopped in reverse order on Ctrl-C — even halfway through starting up. */
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${c.yellow('Stopping…')}`);
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  console.log(c.green('Stopped cleanly.'));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

async function main() {
  const started = Date.now();
  console.log(`\n${c.bold(c.green('Respite'))} ${c.dim('local stack')}\n`);
  if (!javaAvailable()) {
    console.error(c.red(JAVA_MISSING_HELP));
    process.exit(1);
  }
  for (const [name, port] of Object.entries(PORTS))
    if (!(await portFree(port))) {
      console.error(
        c.red(
          `Port ${port} (${name}) is already in use. Stop whatever uses it (maybe another \`npm start\`), or set ${name === 'api' ? 'PORT' : name === 'ses' ? 'SES_PORT' : 'DDB_PORT'}=<port>.`,
        ),
      );
      process.exit(1);
    }
  if (process.argv.includes('--reset')) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    console.log(c.yellow('  --reset: local data wiped'));
  }
  mkdirSync(DATA_DIR, { recursive: true });

  let t = Date.now();
  step('Building the web app');
  const build = spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  done('Web app built', Date.now() - t);

  t = Date.now();
  step(`Starting DynamoDB Local on :${PORTS.ddb} ${c.dim('(Java, data in .local/dynamodb)')}`);
  const ddb = startDynamoDbLocal(PORTS.ddb, { dataDir: resolve(DATA_DIR, 'dynamodb') });
  cleanups.push(async () => {
    ddb.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
  });
  process.on('exit', () => ddb.kill('SIGKILL'));
  ddb.on('exit', (code) => {
    if (!stopping) {
      console.error(c.red(`DynamoDB Local stopped unexpectedly (exit ${code}).`));
      process.exit(1);
    }
  });
  const ddbEndpoint = `http://127.0.0.1:${PORTS.ddb}`;
  await waitForHttp(ddbEndpoint, 120_000);
  done('DynamoDB Local ready', Date.now() - t);

  t = Date.now();
  step(`Starting the local email inbox (aws-ses-v2-local) on :${PORTS.ses}`);
  const ses = await startSesLocal(PORTS.ses);
  cleanups.push(() => ses.close());
  done('Email inbox ready', Date.now() - t);

  t = Date.now();
  const tenants = loadTenantFiles();
  step(`Creating tables and seeding ${tenants.map((x) => x.slug).join(', ')}`);
  const stack = await startLocalStack({
    ddbEndpoint,
    sesEndpoint: `http://127.0.0.1:${PORTS.ses}`,
    port: PORTS.api,
    tenants,
    tablePrefix: 'respite-local-',
    keysFor: localKeys,
    runScheduler: true,
    seedHistory: true,
    quietLogs: !process.argv.includes('--verbose'),
    onEvent: (m) => console.log(`  ${c.dim(m)}`),
  });
  cleanups.push(() => stack.stop());
  done('API server, tenant workers and scheduler running', Date.now() - t);

  const demo = tenants.find((x) => x.slug === 'demo');
  const inviteToken = demo ? (await stack.db('demo').get(keys.orgInvite(), InviteItem))?.token : undefined;
  const url = (slug: string) => `${stack.url}/t/${slug}/`;
  console.log(`\n${c.bold('Ready')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // The /t/<slug>/ address is the tenant's own origin locally (writes from any other origin are refused).
  for (const tnt of tenants) console.log(`  ${c.bold(tnt.name)} (${tnt.slug}):  ${c.cyan(url(tnt.slug))}`);
  console.log(`  Email inbox (codes and all emails):  ${c.cyan(`http://localhost:${PORTS.ses}/`)}`);
  if (demo) {
    console.log(`\n${c.bold('Try the demo organisation')}`);
    if (inviteToken)
      console.log(
        `  ${c.magenta('Employee')}      open the invite link ${c.cyan(`${url('demo')}#/join/${inviteToken}`)} and use any email`,
      );
    console.log(
      `  ${c.magenta('HR admin')}      sign in at ${c.cyan(`${url('demo')}#/sign-in`)} as ${c.bold(demo.adminEmails[0]!)}`,
    );
    console.log(`  ${c.magenta('Line manager')}  sign in as ${c.bold('manager@northwind.example')}`);
    if (demo.coachEmails[0]) console.log(`  ${c.magenta('Coach')}         sign in as ${c.bold(demo.coachEmails[0])}`);
    if (demo.operatorEmails[0])
      console.log(`  ${c.magenta('Operator')}      sign in as ${c.bold(demo.operatorEmails[0])}`);
    console.log(`  ${c.dim('Each sign-in emails a 6-digit code: read it in the inbox above.')}`);
  }
  console.log(
    `\n${c.dim('Ctrl-C stops everything. Data is kept in .local/; `npm start -- --reset` starts afresh.')}\n`,
  );
}

main().catch(async (err) => {
  console.error(c.red(`\nCould not start: ${err instanceof Error ? err.message : err}`));
  await shutdown(1);
});
