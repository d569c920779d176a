// `npm test`: checks format and lint (Biome), builds the web app (the e2e tests drive it), then runs every vitest
// project (unit, integration, e2e, infra) and ends with the plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Check, summarise, type VitestReport } from './lib/test-summary.js';
import { biomeCi, projectNode } from './lib/tooling.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
};
const node = projectNode; // Node 24 from the registry, the Lambda runtime's major
const bin = (pkg: string, file: string) => resolve(root, 'node_modules', pkg, file);

// Format and lint first (a second or two); a finding is one failed check, and the tests still run.
const checks: Check[] = [
  { name: 'biome ci (format and lint; fix with `npx biome check --write .`)', ok: biomeCi(root, env) },
];

const build = spawnSync(node, [bin('vite', 'bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (build.status !== 0) {
  console.log('web build failed: no tests were run');
  console.log(summarise(undefined, checks).line);
  process.exit(1);
}

const results = resolve(root, '.vitest-results.json');
rmSync(results, { force: true });
const extra = process.argv.slice(2);
const run = spawnSync(
  node,
  [
    bin('vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...extra,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env,
  },
);

const { failed, brokenFiles, failedChecks, line } = summarise(
  existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as VitestReport) : undefined,
  checks,
);
for (const f of brokenFiles) console.log(`failed without a failing test (did not load, or a hook threw): ${f}`);
for (const c of failedChecks) console.log(`check failed: ${c}`);
console.log(line);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
