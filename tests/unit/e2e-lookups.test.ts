// The page's polite live region repeats every status and error text while it is announced, so a text looked up on
// the whole page can match twice (a strict-mode failure that depends on timing). e2e tests look for text inside
// `main` (or another named landmark); the whole page is searched only to assert that a text is absent anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../e2e', import.meta.url));
const WHOLE_PAGE_TEXT = /\bpage\.getByText\([^;]*/g;

it('e2e tests look for text inside a landmark, not on the whole page (absence checks excepted)', () => {
  const found: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(WHOLE_PAGE_TEXT))
      if (!/\.count\(\)\)\.toBe\(0\)$/.test(m[0])) found.push(`${name}:${text.slice(0, m.index).split('\n').length}`);
  }
  expect(found).toEqual([]);
});

it('the rule catches a whole-page lookup and allows an absence check', () => {
  const bad = "await page.getByText('Saved.').waitFor();";
  const absent = "expect(await page.getByText('x@y.z').count()).toBe(0);";
  const flag = (s: string) => [...s.matchAll(WHOLE_PAGE_TEXT)].some((m) => !/\.count\(\)\)\.toBe\(0\)$/.test(m[0]));
  expect(flag(bad)).toBe(true);
  expect(flag(absent)).toBe(false);
});
