// `npm test`'s last line must count a test file that failed to run as failed, whatever its tests' states.
// Runs the real vitest on three small files in a temp folder and summarises its real JSON report; a failed check
// (Biome, run for real on a temp folder) counts as one failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Check, summarise, type VitestReport } from '../../scripts/lib/test-summary.js';
import { biomeCi, projectNode } from '../../scripts/lib/tooling.js';

const dir = mkdtempSync(join(tmpdir(), 'respite-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  // beforeAll throws (as when Chromium is missing): vitest marks both tests skipped and the file failed
  'hook-throws.test.ts':
    "import { beforeAll, expect, it } from 'vitest';\nbeforeAll(() => { throw new Error('no browser'); });\nit('a', () => expect(1).toBe(1));\nit('b', () => expect(1).toBe(1));\n",
  // does not load at all: no tests
  'does-not-load.test.ts':
    "import { expect, it } from 'vitest';\nimport './no-such-module.js';\nit('c', () => expect(1).toBe(1));\n",
  'passes.test.ts': "import { expect, it } from 'vitest';\nit('d', () => expect(2).toBe(2));\n",
};

describe('npm test summary line', () => {
  it('counts a file whose hook threw and a file that did not load as failed', () => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const out = join(dir, 'report.json');
    const vitest = resolve(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');
    spawnSync(projectNode, [vitest, 'run', '--root', dir, '--reporter=json', `--outputFile.json=${out}`], {
      encoding: 'utf8',
    });
    const summary = summarise(JSON.parse(readFileSync(out, 'utf8')) as VitestReport);
    expect(summary.line).toBe('1 passed, 2 failed, 2 skipped');
    expect(summary.brokenFiles.map((f) => f.split('/').pop()).sort()).toEqual([
      'does-not-load.test.ts',
      'hook-throws.test.ts',
    ]);
  });

  it('reports a missing report as a failure', () => {
    expect(summarise(undefined).failed).toBe(1);
  });
});

const report = (passed: number, failed: number): VitestReport => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [],
});
const biome: Check = { name: 'biome', ok: false };

describe('npm test summary line with checks beside vitest', () => {
  it.each<[string, VitestReport | undefined, Check[], string, string[]]>([
    ['a failed check is one failure', report(3, 0), [biome], '3 passed, 1 failed', ['biome']],
    ['a clean check is one pass', report(3, 0), [{ ...biome, ok: true }], '4 passed, 0 failed', []],
    ['failures add up', report(3, 2), [biome], '3 passed, 3 failed', ['biome']],
    ['no checks: tests only', report(3, 0), [], '3 passed, 0 failed', []],
    ['no report and a failed check', undefined, [biome], '0 passed, 2 failed (no test report was written)', ['biome']],
  ])('%s', (_, r, checks, line, failedChecks) => {
    const summary = summarise(r, checks);
    expect(summary.line).toBe(line);
    expect(summary.failedChecks).toEqual(failedChecks);
  });

  it('biome ci fails on a badly formatted file and on a lint warning, and passes once both are fixed', () => {
    const lintDir = mkdtempSync(join(tmpdir(), 'respite-biome-'));
    try {
      writeFileSync(join(lintDir, 'biome.json'), '{}\n'); // its own defaults, not a biome.json found further up
      const file = join(lintDir, 'a.ts');
      writeFileSync(file, 'export const a   =  1\n');
      expect(biomeCi(lintDir)).toBe(false);
      writeFileSync(file, 'export const a: any = 1;\n'); // formatted, but a lint warning
      expect(biomeCi(lintDir)).toBe(false);
      writeFileSync(file, 'export const a = 1;\n');
      expect(biomeCi(lintDir)).toBe(true);
    } finally {
      rmSync(lintDir, { recursive: true, force: true });
    }
  });
});
