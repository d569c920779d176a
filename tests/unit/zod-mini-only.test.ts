// Lambda bundles stay small only if functions/ use zod/mini through functions/shared/zod.ts, imported as a namespace
// (classic zod adds ~440 KB to every bundle; a named `{ z }` import defeats tree-shaking). See docs/performance.md §1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../functions', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Every import of zod in a file, as written. */
const zodImports = (text: string) =>
  [...text.matchAll(/^import[^;]*?from '([^']*(?:zod(?:\/[^']*)?|\/shared\/zod\.js|\.\/zod\.js))';/gm)].map(
    (m) => m[0],
  );

it('only functions/shared/zod.ts imports zod itself', () => {
  const direct = sources(root)
    .filter((f) => relative(root, f) !== join('shared', 'zod.ts'))
    .filter((f) => zodImports(readFileSync(f, 'utf8')).some((i) => /from 'zod/.test(i)))
    .map((f) => relative(root, f));
  expect(direct).toEqual([]);
});

it('every other file imports it as a namespace (import * as z)', () => {
  const named = sources(root)
    .flatMap((f) =>
      zodImports(readFileSync(f, 'utf8'))
        .filter((i) => /shared\/zod\.js|'\.\/zod\.js'/.test(i))
        .map((i) => [relative(root, f), i]),
    )
    .filter(([, i]) => !/^import (type )?\* as z from/.test(i!));
  expect(named).toEqual([]);
  // The rule is real: most handlers and schemas go through the shared module.
  const users = sources(root).filter((f) => zodImports(readFileSync(f, 'utf8')).length > 0);
  expect(users.length).toBeGreaterThan(20);
});

it('the detector recognises each kind of import', () => {
  expect(zodImports("import { z } from 'zod';\nimport * as m from 'zod/mini';")).toHaveLength(2);
  expect(zodImports("import * as z from '../shared/zod.js';\nimport type * as z from './zod.js';")).toHaveLength(2);
  expect(zodImports("import { x } from '../shared/db.js';")).toEqual([]);
});
