// Benchmark 1: Lambda bundle sizes. Bundles every function in functions/contexts.ts with the TenantStack's esbuild
// options (metafile on) and splits each bundle into the AWS SDK share, "our code + non-AWS dependencies" and the
// course content data (JSON) bundled as code. The course module files a function ships beside its bundle (courseFiles,
// read one module at a time) are reported apart and copied beside the bundles for the cold-start benchmark.
// Writes bench/.out/bundles.json and leaves the bundles in bench/.out/bundles/ for the cold-start benchmark.
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { allFunctions, kb, OUT, ROOT, writeResult } from './lib/common.js';
import { LAMBDA_BUILD_OPTIONS } from './lib/esbuild-options.js';

export const BUNDLE_DIR = resolve(OUT, 'bundles');
const OURS_BUDGET_KB = 60;
const TOTAL_BUDGET_KB = 700;

/** npm package name of a metafile input path, or undefined for our own source. */
function packageOf(input: string): string | undefined {
  const i = input.lastIndexOf('node_modules/');
  if (i < 0) return undefined;
  const rest = input.slice(i + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/** Course content the programme serves (JSON data, not code): reported apart from "ours". */
const isContentData = (input: string) => /^functions\/domain\/programme\/content\/.*\.json$/.test(input);

const isAwsPackage = (p: string) => /^@(aws-sdk|smithy|aws-crypto|aws)\//.test(p);

/** Packages that only the AWS SDK pulls in (tslib, fast-xml-parser, …) count towards the SDK share. */
function awsOnlyPackages(meta: Metafile): Set<string> {
  const importers = new Map<string, Set<string>>();
  for (const [path, input] of Object.entries(meta.inputs)) {
    const from = packageOf(path) ?? '<ours>';
    for (const imp of input.imports) {
      const to = packageOf(imp.path);
      if (!to || to === from) continue;
      if (!importers.has(to)) importers.set(to, new Set());
      importers.get(to)!.add(from);
    }
  }
  const aws = new Set([...importers.keys()].filter(isAwsPackage));
  for (const p of Object.keys(meta.inputs).map(packageOf)) if (p && isAwsPackage(p)) aws.add(p);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pkg, from] of importers) {
      if (aws.has(pkg)) continue;
      if ([...from].every((f) => aws.has(f))) {
        aws.add(pkg);
        grew = true;
      }
    }
  }
  return aws;
}

export interface BundleFigures {
  name: string;
  kind: string;
  entry: string;
  totalBytes: number;
  awsBytes: number;
  /** Our code + non-AWS packages (the ≤ 60 KB budget), without content data. */
  oursBytes: number;
  contentBytes: number;
  /** Course module files shipped beside the bundle (courseFiles), read one module at a time, not at cold start. */
  courseFilesBytes: number;
  zodBytes: number;
  topPackages: { name: string; bytes: number }[];
  file: string;
}

const COURSE_FILES = resolve(ROOT, 'functions/domain/programme/content/modules');
const courseFilesBytes = () =>
  readdirSync(COURSE_FILES).reduce((sum, f) => sum + statSync(resolve(COURSE_FILES, f)).size, 0);

async function bundleOne(fn: {
  kind: string;
  name: string;
  entry: string;
  courseFiles?: boolean;
}): Promise<BundleFigures> {
  const outfile = resolve(BUNDLE_DIR, `${fn.kind}-${fn.name}.mjs`);
  const result = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [resolve(ROOT, 'functions', fn.entry)],
    outfile,
    absWorkingDir: ROOT,
  });
  const meta = result.metafile!;
  const output = Object.values(meta.outputs)[0]!;
  const aws = awsOnlyPackages(meta);
  const byPackage = new Map<string, number>();
  let awsBytes = 0;
  let contentBytes = 0;
  for (const [path, inp] of Object.entries(output.inputs)) {
    const pkg = packageOf(path);
    const key = pkg ?? (isContentData(path) ? '(content data)' : '(our code)');
    byPackage.set(key, (byPackage.get(key) ?? 0) + inp.bytesInOutput);
    if (pkg && aws.has(pkg)) awsBytes += inp.bytesInOutput;
    if (!pkg && isContentData(path)) contentBytes += inp.bytesInOutput;
  }
  const totalBytes = output.bytes;
  return {
    name: fn.name,
    kind: fn.kind,
    entry: fn.entry,
    totalBytes,
    awsBytes,
    oursBytes: totalBytes - awsBytes - contentBytes,
    contentBytes,
    courseFilesBytes: fn.courseFiles ? courseFilesBytes() : 0,
    zodBytes: byPackage.get('zod') ?? 0,
    topPackages: [...byPackage]
      .filter(([n]) => !aws.has(n))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, bytes]) => ({ name, bytes })),
    file: outfile,
  };
}

async function main() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  // As deployed (TenantFunction courseFiles): the module files beside the bundles, so the cold-start benchmark can run them.
  cpSync(COURSE_FILES, resolve(BUNDLE_DIR, 'modules'), { recursive: true });
  // Plus one bench-only entry: the Secrets Manager SDK that reads the keys at cold start in AWS (see its comment).
  const fns = [
    ...(await allFunctions()),
    { kind: 'bench', name: 'secrets-sdk', entry: '../bench/lib/secrets-sdk-entry.ts' },
  ];
  const bundles: BundleFigures[] = [];
  const failures: { name: string; error: string }[] = [];
  for (const fn of fns) {
    try {
      bundles.push(await bundleOne(fn));
    } catch (err) {
      failures.push({ name: fn.name, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
    }
  }
  writeResult('bundles', { budgets: { oursKb: OURS_BUDGET_KB, totalKb: TOTAL_BUDGET_KB }, bundles, failures });
  for (const b of bundles)
    console.log(
      `${b.kind.padEnd(5)} ${b.name.padEnd(24)} total ${kb(b.totalBytes)} KB  aws ${kb(b.awsBytes)} KB  ours ${kb(b.oursBytes)} KB  content ${kb(b.contentBytes)} KB${b.courseFilesBytes ? ` (+ ${kb(b.courseFilesBytes)} KB module files beside it, read per module)` : ''}  zod ${kb(b.zodBytes)} KB`,
    );
  for (const f of failures) console.log(`FAILED ${f.name}: ${f.error}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
