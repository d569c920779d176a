// web/ may use the server's code only as types from the API contract (functions/contract): `import type`, which the
// bundler erases, so the contract costs the browser nothing and no server code (or secret) can reach a bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web/src');
const CONTRACT = join(ROOT, 'functions/contract');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every import or re-export of something under functions/ that is not a type-only import from the contract. */
function badImports(file: string, text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    const target = resolve(dirname(file), m[3]!);
    if (!relative(join(ROOT, 'functions'), target).startsWith('..')) {
      const typeOnly = !!m[2];
      const inContract = !relative(CONTRACT, target).startsWith('..');
      if (!typeOnly || !inContract) bad.push(`${relative(ROOT, file)}: ${m[0].trim().replace(/\s+/g, ' ')}`);
    }
  }
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g))
    if (!relative(join(ROOT, 'functions'), resolve(dirname(file), m[1]!)).startsWith('..'))
      bad.push(`${relative(ROOT, file)}: import('${m[1]}')`);
  return bad;
}

describe('web/ and functions/', () => {
  it('web imports from functions/ only types, and only from the contract', () => {
    const files = filesUnder(WEB);
    const all = files.flatMap((f) => badImports(f, readFileSync(f, 'utf8')));
    expect(all).toEqual([]);
    // and it does use the contract (the mirrors are gone)
    expect(files.filter((f) => readFileSync(f, 'utf8').includes('functions/contract')).length).toBeGreaterThan(10);
  });

  it.each([
    ["import { programme } from '../../../../functions/contract';", 1],
    ["import type { Me } from '../../../../functions/shared/http';", 1],
    ["import { keys } from '../../../../functions/domain/keys';", 1],
    ["export { ROLES } from '../../../../functions/contract/roles';", 1],
    ["const m = await import('../../../../functions/contract');", 1],
    ["import type { Me } from '../../../../functions/contract';", 0],
    ["import type {\n  Me,\n  OrgInfo,\n} from '../../../../functions/contract/account';", 0],
    ["import { api } from '../../app/api';", 0],
  ])('the check can fail: %s → %i problem(s)', (line, n) => {
    expect(badImports(join(WEB, 'features/x/File.tsx'), line)).toHaveLength(n);
  });
});
