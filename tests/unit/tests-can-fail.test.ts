// Assertions that cannot fail are not tests. A Playwright locator (or any promise) handed to vitest's expect is
// always truthy and always defined, so `expect(page.getByText(…)).toBeTruthy()` passes whatever the page shows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? testFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const CANNOT_FAIL: { rule: string; pattern: RegExp }[] = [
  {
    rule: 'vitest expect awaited without .resolves/.rejects (a locator or promise is always truthy)',
    pattern: /await expect\((?![^;]*\.(?:resolves|rejects)\b)/,
  },
  {
    rule: 'a locator or page object asserted truthy/defined',
    pattern: /expect\((?:page|locator|\w+Locator)\b[^;]*\)\.(?:toBeTruthy|toBeDefined)\(\)/,
  },
  {
    rule: 'a locator asserted truthy/defined',
    pattern:
      /expect\([^;]*\.(?:getBy\w+|locator)\([^;]*\)\)\.(?:toBeTruthy|toBeDefined|not\.toBeNull|not\.toBeUndefined)\(\)/,
  },
  { rule: 'a skipped or placeholder test', pattern: /\b(?:it|test|describe)\.(?:skip|todo)\(|\bit\.only\(|\bxit\(/ },
];

it('no test file holds an assertion shape that cannot fail', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const found: string[] = [];
  for (const file of testFiles(root).filter((f) => f !== self)) {
    // Whole-file matching: the formatter splits a long assertion over several lines.
    const text = readFileSync(file, 'utf8');
    for (const { rule, pattern } of CANNOT_FAIL)
      for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
        const line = text.slice(0, m.index).split('\n').length;
        found.push(`${file.slice(root.length)}:${line}: ${rule}`);
      }
  }
  expect(found).toEqual([]);
});

it('the rules catch the shapes they name', () => {
  const caught = (line: string) => CANNOT_FAIL.some(({ pattern }) => pattern.test(line));
  expect(caught("await expect(page.getByText('x')).toBeTruthy();")).toBe(true);
  expect(caught("expect(page.getByRole('button')).toBeDefined();")).toBe(true);
  expect(caught("expect(dialog.locator('h2')).toBeTruthy();")).toBe(true);
  expect(caught("it.skip('later', () => {});")).toBe(true);
  expect(caught("await expect(call()).rejects.toThrow('x');")).toBe(false);
  expect(caught("expect(await page.getByText('x').count()).toBe(1);")).toBe(false);
});
