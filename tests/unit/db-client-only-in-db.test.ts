// The DynamoDB client is reached only through the data layer (functions/shared/db.ts): every other file under
// functions/ calls Db methods, so conditions, TTL filtering and retries live in one place.
import { expect, it } from 'vitest';
import { functionSources, offendersOf } from '../support/function-sources.js';

it('no file under functions/ except shared/db.ts uses the DynamoDB client or builds DynamoDB commands', () => {
  const files = functionSources().map((s) => s.path);
  expect(files).toContain('shared/db.ts');
  expect(files.length).toBeGreaterThan(10);
  const pattern =
    /\bdb\s*\.\s*client\b|\b(Get|Put|Update|Delete|Query|BatchGet|BatchWrite|TransactWrite|TransactGet)Command\b/i;
  expect(offendersOf(pattern, 'shared/db.ts')).toEqual([]);
});
