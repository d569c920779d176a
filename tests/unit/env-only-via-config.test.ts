// The environment is read in one place only: functions/shared/config.ts (the one config loader, which validates
// every variable and names the bad one). No other file under functions/ may touch process.env.
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

it('no file under functions/ except shared/config.ts reads process.env', () => {
  const root = fileURLToPath(new URL('../../functions', import.meta.url));
  const files = sources(root).map((f) => relative(root, f).split('\\').join('/'));
  expect(files).toContain('shared/config.ts');
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((f) => f !== 'shared/config.ts' && /process\s*\.\s*env\b|process\s*\[\s*['"`]env/.test(readFileSync(join(root, f), 'utf8')));
  expect(offenders).toEqual([]);
});
