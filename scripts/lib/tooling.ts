// The programs the tests and benchmarks run on, found the same way everywhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Node.js from the registry's `node@24` devDependency: the Lambda runtime's major, not whatever the machine has. */
export const projectNode = existsSync(resolve(root, 'node_modules/node/bin/node'))
  ? resolve(root, 'node_modules/node/bin/node')
  : process.execPath;

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser for e2e tests and Lighthouse: `CHROMIUM_PATH` if set, else the system Chromium when there is one,
 * else the one shipped inside the `@sparticuz/chromium` registry package (unpacked to the temp folder on first use),
 * so a machine with only Node and Java can run every test.
 */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/**
 * `biome ci` in `dir`: format and lint, writing nothing, findings printed. True when clean: a warning (such as an
 * explicit `any`) counts too, or new ones would pile up unseen. Fix with `npx biome check --write .`.
 */
export function biomeCi(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const biome = resolve(root, 'node_modules/@biomejs/biome/bin/biome');
  return (
    spawnSync(projectNode, [biome, 'ci', '--error-on-warnings', '.'], { cwd: dir, stdio: 'inherit', env }).status === 0
  );
}
