// Benchmark 5: web weight and Lighthouse. Builds the app with vite into bench/.out/web-dist (web/dist is left alone
// for the e2e tests), serves it from the local stack, and measures:
//  - initial JS of the employee home: every script a real Chromium fetches to render the signed-in home
//    (entry chunk, its imports, and the lazy chunks of the home page and cards), gzipped (level 9, as a CDN would);
//  - the whole app: every JS file in the build, gzipped;
//  - Lighthouse 12 (mobile preset, Debian Chromium headless) performance and accessibility on the join page and the
//    employee home, median of 5 runs each.

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { newTenantKeys } from '../functions/shared/keyring.js';
import { chromiumPath, projectNode } from '../scripts/lib/tooling.js';
import { type Child, startChild } from './lib/children.js';
import { signInEmployee } from './lib/client.js';
import { median, OUT, ROOT, writeResult } from './lib/common.js';
import { freePort, startLocalAws } from './lib/local-aws.js';

const CHROMIUM = await chromiumPath();
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
// Set to keep every raw Lighthouse report (bench/.out/lighthouse/<page>-<run>.json) for its diagnostics.
const KEEP_REPORTS = process.env.BENCH_LIGHTHOUSE_KEEP_REPORTS === '1';
const REPORTS = resolve(OUT, 'lighthouse');
const DIST = resolve(OUT, 'web-dist');
const BUDGETS = { homeInitialJsKb: 90, wholeAppJsKb: 170, performance: 95, accessibility: 100 };

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function lighthouse(
  url: string,
  cookie: string | undefined,
  reportName: string,
): Promise<{
  benchmarkIndex?: number;
  performance: number;
  accessibility: number;
  lcpMs?: number;
  tbtMs?: number;
  cls?: number;
  failedA11y: string[];
}> {
  const args = [
    resolve(ROOT, 'node_modules/lighthouse/cli/index.js'),
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless --no-sandbox --disable-gpu',
    '--max-wait-for-load=30000',
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  return new Promise((done, fail) => {
    const p = spawn(projectNode, args, {
      env: { ...process.env, CHROME_PATH: CHROMIUM },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err = (err + d).slice(-1500)));
    p.on('exit', (code) => {
      clearTimeout(timer);
      try {
        const lhr = JSON.parse(out);
        if (KEEP_REPORTS) writeFileSync(resolve(REPORTS, `${reportName}.json`), out);
        const a11yRefs: { id: string }[] = lhr.categories.accessibility.auditRefs;
        done({
          benchmarkIndex: lhr.environment?.benchmarkIndex,
          performance: Math.round(lhr.categories.performance.score * 100),
          accessibility: Math.round(lhr.categories.accessibility.score * 100),
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue,
          cls: lhr.audits['cumulative-layout-shift']?.numericValue,
          failedA11y: a11yRefs.filter((r) => lhr.audits[r.id]?.score === 0).map((r) => r.id),
        });
      } catch {
        fail(new Error(`lighthouse exited ${code}: ${err}`));
      }
    });
  });
}

async function homeInitialJs(base: string, cookie: string) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const url = new URL(base);
    await context.addCookies(
      cookie.split('; ').map((c) => {
        const eq = c.indexOf('=');
        return {
          name: c.slice(0, eq),
          value: c.slice(eq + 1),
          domain: url.hostname,
          path: '/',
          httpOnly: true,
          secure: false,
          sameSite: 'Strict' as const,
        };
      }),
    );
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || /\.js(\?|$)/.test(r.url())) scripts.add(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/#/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const heading =
      (await page
        .locator('h1')
        .first()
        .textContent({ timeout: 10_000 })
        .catch(() => null)) ?? '';
    const files = [...scripts].map((p) => p.replace(/^.*\/assets\//, 'assets/'));
    const sizes = files.map((f) => {
      const buf = readFileSync(resolve(DIST, f));
      return { file: f, bytes: buf.length, gzipBytes: gz(buf) };
    });
    return { heading: heading.trim(), files: sizes, gzipBytes: sizes.reduce((s, x) => s + x.gzipBytes, 0) };
  } finally {
    await browser.close();
  }
}

async function main() {
  rmSync(DIST, { recursive: true, force: true });
  if (KEEP_REPORTS) mkdirSync(REPORTS, { recursive: true });
  await build({
    configFile: resolve(ROOT, 'web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: DIST, emptyOutDir: true },
  });
  const all = walk(DIST).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const js = all.filter((f) => f.endsWith('.js'));
  const css = all.filter((f) => f.endsWith('.css'));
  const whole = {
    jsFiles: js.length,
    jsBytes: js.reduce((s, f) => s + statSync(f).size, 0),
    jsGzipBytes: js.reduce((s, f) => s + gz(readFileSync(f)), 0),
    cssGzipBytes: css.reduce((s, f) => s + gz(readFileSync(f)), 0),
    largest: js
      .map((f) => ({ file: f.slice(DIST.length + 1), gzipBytes: gz(readFileSync(f)) }))
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .slice(0, 5),
  };

  const aws = await startLocalAws();
  let stack: Child | undefined;
  try {
    const port = await freePort();
    stack = await startChild('bench/lib/serve-stack.ts', {
      BENCH_DDB: aws.ddbEndpoint,
      BENCH_SES: aws.sesEndpoint,
      BENCH_PORT: String(port),
      BENCH_KEYS: JSON.stringify(newTenantKeys()),
      BENCH_WEB_DIST: DIST,
    });
    const base = `${stack.ready[0]}/t/demo`;
    const { employee, inviteToken } = await signInEmployee(base, aws.sesEndpoint, 'web.bench@example.org');
    const cookie = employee.cookieHeader();
    const home = await homeInitialJs(base, cookie);
    const pages = [
      { name: 'join page', url: `${base}/#/join/${inviteToken}`, cookie: undefined },
      { name: 'employee home', url: `${base}/#/`, cookie },
    ];
    const lighthouseResults = [];
    for (const p of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(await lighthouse(p.url, p.cookie, `${p.name.replace(/ /g, '-')}-${i + 1}`));
      lighthouseResults.push({
        page: p.name,
        runs: runs.length,
        performance: median(runs.map((r) => r.performance)),
        accessibility: median(runs.map((r) => r.accessibility)),
        lcpMs: Math.round(median(runs.map((r) => r.lcpMs ?? NaN))),
        tbtMs: Math.round(median(runs.map((r) => r.tbtMs ?? NaN))),
        cls: Math.round(median(runs.map((r) => r.cls ?? NaN)) * 1000) / 1000,
        failedA11y: [...new Set(runs.flatMap((r) => r.failedA11y))],
        benchmarkIndex: Math.round(median(runs.map((r) => r.benchmarkIndex ?? NaN))),
      });
    }
    writeResult('web', { budgets: BUDGETS, whole, home, lighthouse: lighthouseResults, lighthouseRunsEach: RUNS });
    console.log(
      JSON.stringify(
        {
          wholeJsGzKb: whole.jsGzipBytes / 1024,
          home: { heading: home.heading, gzKb: home.gzipBytes / 1024, files: home.files.length },
          lighthouse: lighthouseResults,
        },
        null,
        1,
      ),
    );
  } finally {
    await stack?.stop();
    aws.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  process.exit(0);
}
