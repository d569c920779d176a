// Regenerates functions/domain/programme/content/outline.json from modules/*.json (course order).
// Run after adding or editing a module: node_modules/.bin/tsx scripts/content-outline.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outlineOf } from '../functions/domain/programme/content/outline.js';
import type { Module } from '../functions/domain/programme/content/schema.js';

const contentDir = fileURLToPath(new URL('../functions/domain/programme/content/', import.meta.url));

/** The outline.json text for the module files as they are now. */
export function outlineJson(): string {
  const modules = readdirSync(`${contentDir}modules`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`${contentDir}modules/${f}`, 'utf8')) as Module)
    .sort((a, b) => a.number - b.number);
  return `${JSON.stringify(modules.map(outlineOf), null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(`${contentDir}outline.json`, outlineJson());
  console.log('wrote outline.json');
}
