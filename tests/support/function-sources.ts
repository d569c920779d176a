// Every .ts file under functions/, for the guard tests that keep one kind of code in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../functions', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Paths relative to functions/ (forward slashes), each with its text. */
export function functionSources(): { path: string; text: string }[] {
  return walk(ROOT).map((f) => ({ path: relative(ROOT, f).split('\\').join('/'), text: readFileSync(f, 'utf8') }));
}

/** The files whose text matches, apart from the one place allowed to. */
export function offendersOf(pattern: RegExp, allowed?: string): string[] {
  return functionSources()
    .filter((s) => s.path !== allowed && pattern.test(s.text))
    .map((s) => s.path);
}
