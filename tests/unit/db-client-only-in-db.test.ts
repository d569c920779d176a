// The DynamoDB client is reached only through the data layer (functions/shared/db.ts): every other file under
// functions/ calls Db methods, so conditions, TTL filtering and retries live in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('no file under functions/ except shared/db.ts uses the DynamoDB client or builds DynamoDB commands', () => {
  const root = fileURLToPath(new URL('../../functions', import.meta.url));
  const files = sources(root).map((f) => relative(root, f).split('\\').join('/'));
  expect(files).toContain('shared/db.ts');
  expect(files.length).toBeGreaterThan(10);
  const pattern = /\bdb\s*\.\s*client\b|\b(Get|Put|Update|Delete|Query|BatchGet|BatchWrite|TransactWrite|TransactGet)Command\b/i;
  const offenders = files.filter((f) => f !== 'shared/db.ts' && pattern.test(readFileSync(join(root, f), 'utf8')));
  expect(offenders).toEqual([]);
});
