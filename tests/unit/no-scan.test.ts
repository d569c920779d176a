// Every access pattern is a key lookup or Query: no Scan may appear anywhere under functions/.
import { expect, it } from 'vitest';
import { functionSources, offendersOf } from '../support/function-sources.js';

it('no function uses a DynamoDB Scan', () => {
  expect(functionSources().length).toBeGreaterThan(10);
  expect(offendersOf(/\bScan(Command|Input|Output)\b|ExecuteStatement|\.scan\(/)).toEqual([]);
});
