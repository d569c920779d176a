// The DynamoDB client is reached only through the data layer (functions/shared/db.ts): every other file under
// functions/ calls Db methods, so conditions, TTL filtering and retries live in one place. The client is private;
// tests and benchmarks count or fault requests with Db.intercept and read raw items through tests/support/table.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { functionSources, offendersOf } from '../support/function-sources.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });

it('no file under functions/ except shared/db.ts uses the DynamoDB client or builds DynamoDB commands', () => {
  const files = functionSources().map((s) => s.path);
  expect(files).toContain('shared/db.ts');
  expect(files.length).toBeGreaterThan(10);
  const pattern =
    /\bdb\s*\.\s*client\b|\b(Get|Put|Update|Delete|Query|BatchGet|BatchWrite|TransactWrite|TransactGet)Command\b/i;
  expect(offendersOf(pattern, 'shared/db.ts')).toEqual([]);
});

it("no test, benchmark or script reaches into a Db's client", () => {
  const files = ['tests', 'bench', 'scripts'].flatMap((d) => walk(join(ROOT, d)));
  expect(files.length).toBeGreaterThan(50);
  const offenders = files
    .filter((f) => /\bdb\s*\.\s*client\b|\bdb\s*as\s+unknown\b/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  expect(offenders).toEqual([]);
});
