// Key strings are built in one place: functions/domain/keys.ts. No other file under functions/ writes a partition or
// sort key (a literal such as 'USER#…', 'COUNTER#', or `pk: 'ACTIVITY'`), so the table's layout can be read, and
// changed, in one file. Comments may name keys.
import { expect, it } from 'vitest';
import { functionSources } from '../support/function-sources.js';

/** A string literal that starts with a key prefix (capitals then #), or a literal given as pk, sk or skPrefix. */
const KEY_LITERAL = /['"`][A-Z][A-Z_]{2,}#|\b(pk|sk|gsi1pk|gsi1sk|gsi2pk|gsi2sk|skPrefix)\s*:\s*['"`]/;
/** Its prefixes are typed as keys.ts's USER_ITEM_KINDS prefixes: one not listed there does not compile. */
const TYPED_AGAINST_KEYS = 'domain/mydata/export.ts';

const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((l) => l.replace(/(^|\s)\/\/.*$/, ''))
    .join('\n');

it('no file under functions/ except domain/keys.ts builds a key string', () => {
  const sources = functionSources();
  expect(sources.map((s) => s.path)).toContain('domain/keys.ts');
  // the pattern finds what it is meant to find
  expect(KEY_LITERAL.test(withoutComments(sources.find((s) => s.path === 'domain/keys.ts')!.text))).toBe(true);
  const offenders = sources
    .filter((s) => s.path !== 'domain/keys.ts' && s.path !== TYPED_AGAINST_KEYS)
    .filter((s) => KEY_LITERAL.test(withoutComments(s.text)))
    .map((s) => `${s.path}: ${KEY_LITERAL.exec(withoutComments(s.text))![0]}`);
  expect(offenders).toEqual([]);
});
