// Shared bits for the benchmarks: paths, the function registry read at run time, result files and small stats.
// Each benchmark is its own script that writes bench/.out/<name>.json; bench/run-all.ts renders docs/performance.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = resolve(ROOT, 'bench/.out');
mkdirSync(OUT, { recursive: true });

export interface FunctionEntry {
  kind: 'http' | 'job' | 'queue';
  name: string;
  entry: string;
}

/** Every Lambda the TenantStack deploys, read from functions/contexts.ts now (engineers keep adding entries). */
export async function allFunctions(): Promise<FunctionEntry[]> {
  const c = await import('../../functions/contexts.js');
  return [
    ...c.HTTP_CONTEXTS.map((x) => ({
      kind: 'http' as const,
      name: x.name,
      entry: x.entry,
      courseFiles: x.courseFiles ?? false,
    })),
    ...c.SCHEDULED_JOBS.map((x) => ({ kind: 'job' as const, name: x.name, entry: x.entry })),
    ...c.QUEUE_CONSUMERS.map((x) => ({ kind: 'queue' as const, name: x.name, entry: x.entry })),
  ];
}

export function writeResult(name: string, data: unknown) {
  writeFileSync(
    resolve(OUT, `${name}.json`),
    JSON.stringify({ measuredAt: new Date().toISOString(), ...(data as object) }, null, 2),
  );
}

export function readResult<T>(name: string): (T & { measuredAt: string }) | undefined {
  const file = resolve(OUT, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

export function machine() {
  const c = cpus();
  return {
    cores: c.length,
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Environment a handler module needs if it reads config at import (most read it lazily). */
export const DUMMY_FUNCTION_ENV: Record<string, string> = {
  TENANT_ID: 'bench',
  TABLE_NAME: 'respite-bench',
  TENANT_CONFIG: JSON.stringify({ slug: 'bench', name: 'Bench Ltd', adminEmails: ['hr@bench.example'] }),
  APP_URL: 'http://localhost:3000/t/bench',
  PSEUDONYM_KEY: 'bench-pseudonym-bench-pseudonym-bench-0123',
  SIGNING_KEYS: JSON.stringify({ kid: 'bench', key: 'bench-signing-bench-signing-bench-signing-0123' }),
  EMAIL_FROM: 'no-reply@respite.local',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
