// Every access pattern is a key lookup or Query: no Scan may appear anywhere under functions/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('no function uses a DynamoDB Scan', () => {
  const root = fileURLToPath(new URL('../../functions', import.meta.url));
  const offenders = sources(root).filter((f) => /\bScan(Command|Input|Output)\b|ExecuteStatement|\.scan\(/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
  expect(sources(root).length).toBeGreaterThan(10);
});
