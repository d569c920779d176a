// The environment is read in one place only: functions/shared/config.ts (the one config loader, which validates
// every variable and names the bad one). No other file under functions/ may touch process.env.
import { expect, it } from 'vitest';
import { functionSources, offendersOf } from '../support/function-sources.js';

it('no file under functions/ except shared/config.ts reads process.env', () => {
  const files = functionSources().map((s) => s.path);
  expect(files).toContain('shared/config.ts');
  expect(files.length).toBeGreaterThan(10);
  expect(offendersOf(/process\s*\.\s*env\b|process\s*\[\s*['"`]env/, 'shared/config.ts')).toEqual([]);
});
