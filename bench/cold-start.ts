// Benchmark 2: cold start. A fresh `node` process that imports one bundled handler (bench/.out/bundles/, built by
// bench/bundles.ts with the TenantStack's options), timed against a fresh `node -e 0`, all runs interleaved
// round-robin so machine noise hits every candidate alike. Reports the median ratio per function.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectNode } from '../scripts/lib/tooling.js';
import { DUMMY_FUNCTION_ENV, median, OUT, writeResult } from './lib/common.js';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 41);
// Stops early (and says so) on a machine too busy to finish every round in time; run-all's limit is 540 s.
const DEADLINE_MS = Number(process.env.BENCH_COLD_MAX_S ?? 480) * 1000;
const BUDGET = 2.3;
const STRETCH = 2.0;
const BUNDLE_DIR = resolve(OUT, 'bundles');

function timeOnce(args: string[]): number {
  const env = { ...process.env, ...DUMMY_FUNCTION_ENV, NODE_OPTIONS: '' };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(projectNode, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString().split('\n').slice(0, 3).join(' ')}`);
  return ms;
}

async function main() {
  if (!existsSync(BUNDLE_DIR)) throw new Error('Run bench/bundles.ts first (it writes the bundles).');
  const files = readdirSync(BUNDLE_DIR)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  // Import (not just parse): the module graph is evaluated and `handler` must exist.
  const importArgs = (f: string) => [
    '--input-type=module',
    '-e',
    `const m = await import(${JSON.stringify(resolve(BUNDLE_DIR, f))}); if (typeof m.handler !== 'function') process.exit(3);`,
  ];
  const candidates = [
    { name: 'baseline (node -e 0)', args: ['-e', '0'] },
    ...files.map((f) => ({ name: f.replace(/\.mjs$/, ''), args: importArgs(f) })),
  ];
  const samples = new Map<string, number[]>(candidates.map((c) => [c.name, []]));
  for (const c of candidates) timeOnce(c.args); // warm the OS file cache once
  const started = Date.now();
  let rounds = 0;
  for (; rounds < RUNS && Date.now() - started < DEADLINE_MS; rounds++)
    for (const c of candidates) samples.get(c.name)!.push(timeOnce(c.args));
  const baseline = median(samples.get(candidates[0]!.name)!);
  const functions = candidates.slice(1).map((c) => {
    const ms = median(samples.get(c.name)!);
    return { name: c.name, medianMs: Math.round(ms * 10) / 10, ratio: Math.round((ms / baseline) * 100) / 100 };
  });
  writeResult('cold-start', {
    runs: rounds,
    requestedRuns: RUNS,
    budget: BUDGET,
    stretch: STRETCH,
    baselineMs: Math.round(baseline * 10) / 10,
    functions,
  });
  console.log(`baseline node -e 0: ${baseline.toFixed(1)} ms (median of ${rounds})`);
  for (const f of functions) console.log(`${f.name.padEnd(32)} ${f.medianMs} ms  ratio ${f.ratio}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
