// Benchmark 2: cold start. A fresh `node` process that imports one bundled handler (bench/.out/bundles/, built by
// bench/bundles.ts with the TenantStack's options), timed against a fresh `node -e 0`, all runs interleaved
// round-robin so machine noise hits every candidate alike. The budget is on net milliseconds: in each round, the
// import's time minus that round's `node -e 0`, and the median of those over the rounds. A ratio to the baseline
// was fragile: the baseline itself swung 34–99 ms with the load on a shared machine, and a ratio moves with it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectNode } from '../scripts/lib/tooling.js';
import { DUMMY_FUNCTION_ENV, median, OUT, writeResult } from './lib/common.js';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 41);
// Stops early (and says so) on a machine too busy to finish every round in time; run-all's limit is 540 s.
const DEADLINE_MS = Number(process.env.BENCH_COLD_MAX_S ?? 480) * 1000;
// Net ms over Node's own start-up. From the former ratio budgets (2.3, stretch 2.0) at the quiet-machine baseline of
// 34 ms: 1.3 × 34 ≈ 45 ms and 1.0 × 34 ≈ 35 ms.
const BUDGET_NET_MS = 45;
const STRETCH_NET_MS = 35;
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
  const baselineRuns = samples.get(candidates[0]!.name)!;
  const baseline = median(baselineRuns);
  const round1 = (ms: number) => Math.round(ms * 10) / 10;
  const functions = candidates.slice(1).map((c) => {
    const runs = samples.get(c.name)!;
    return {
      name: c.name,
      medianMs: round1(median(runs)),
      // paired with the baseline of the same round, so load that hits both cancels out
      netMs: round1(median(runs.map((ms, i) => ms - baselineRuns[i]!))),
    };
  });
  writeResult('cold-start', {
    runs: rounds,
    requestedRuns: RUNS,
    budgetNetMs: BUDGET_NET_MS,
    stretchNetMs: STRETCH_NET_MS,
    baselineMs: round1(baseline),
    baselineRangeMs: [round1(Math.min(...baselineRuns)), round1(Math.max(...baselineRuns))],
    functions,
  });
  console.log(`baseline node -e 0: ${baseline.toFixed(1)} ms (median of ${rounds})`);
  for (const f of functions) console.log(`${f.name.padEnd(32)} ${f.medianMs} ms  net ${f.netMs} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
