// `npm test`: builds the web app (the e2e tests drive it), then runs every vitest project (unit, integration,
// e2e, infra) and ends with the plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarise, type VitestReport } from './lib/test-summary.js';
import { projectNode } from './lib/tooling.js';

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

const build = spawnSync(node, [bin('vite', 'bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (build.status !== 0) {
  console.log('web build failed');
  console.log('0 passed, 1 failed');
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

const { failed, brokenFiles, line } = summarise(
  existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as VitestReport) : undefined,
);
for (const f of brokenFiles) console.log(`failed without a failing test (did not load, or a hook threw): ${f}`);
console.log(line);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
