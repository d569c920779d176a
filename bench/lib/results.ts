// The shapes of bench/.out/*.json that bench/run-all.ts reads to write docs/performance.md: only the fields it uses.
import type { BundleFigures } from '../bundles.js';

export type { SignInTimingResult } from './sign-in-timing-doc.js';

export interface StepsResult {
  status: Record<string, { ok: boolean; seconds: number; error?: string }>;
}

export interface BundlesResult {
  budgets: { oursKb: number; totalKb: number };
  bundles: BundleFigures[];
  failures?: { name: string; error: string }[];
}

export interface ColdStartResult {
  runs: number;
  requestedRuns?: number;
  budgetNetMs: number;
  stretchNetMs: number;
  baselineMs: number;
  baselineRangeMs: [number, number];
  functions: { name: string; medianMs: number; netMs: number }[];
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
}

export interface ApiOverheadResult {
  route: string;
  connections: number;
  seconds: number;
  rounds: number;
  budget: number;
  bare: Load;
  ours: Load;
  ratioP50: number;
  singleConnection: { bare: Load; ours: Load; ratioP50: number };
  profile: { samples: number; dbGetMs: number; handlerMs: number };
}

export interface RequestCountResult {
  budget: number;
  rows: { route: string; status: number; requests: number; commands: string }[];
}

export interface WebResult {
  budgets: { homeInitialJsKb: number; wholeAppJsKb: number; performance: number; accessibility: number };
  home: { heading: string; gzipBytes: number; files: { file: string; bytes: number; gzipBytes: number }[] };
  whole: { jsFiles: number; jsGzipBytes: number; cssGzipBytes: number; largest: { file: string; gzipBytes: number }[] };
  lighthouse: {
    page: string;
    performance: number;
    accessibility: number;
    lcpMs: number;
    tbtMs: number;
    cls?: number;
    benchmarkIndex: number;
    failedA11y: string[];
  }[];
  lighthouseRunsEach: number;
}

export interface CostResult {
  prices: { region: string; priceDate: string };
  model: {
    sessionsPerMonth: number;
    emailsPerMonth: number;
    signInsPerMonth: number;
    memoryMb: number;
    dynamoMsPerRequest: number;
    coldStartMsPerFunction: number;
    functionsPerSession: number;
    perEmail: { lambdaMs: number; sqs: number; writeUnits: number; readUnits: number; measured: boolean };
    tracing: string;
    xrayIfOnUsd: number;
  };
  usage: {
    sessionCalls: {
      call: string;
      status: number;
      ms: number;
      ddbMs?: number;
      requests: number;
      readUnits: number;
      writeUnits: number;
    }[];
  };
  lines: { item: string; quantity: number; usd: number }[];
  totalUsdPer1000: number;
  target: number;
}
