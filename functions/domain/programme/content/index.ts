// The course content. Every JSON file is validated against schema.ts by the content tests, which also check that
// parsing changes nothing, so the app uses the files as they are: a bad edit fails the tests (and CI), never a page in
// front of an employee, and no function spends its cold start re-checking text that cannot change after the build.
// Content is loaded per module: the outline (outline.ts, a few KB) is bundled; a module's full file is read from
// modules/ beside the code the first time its page is asked for, then kept. The programme function's bundle carries
// modules/ as files (infra/constructs/tenant-function.ts, contentFiles), not as code.
// To add a module, add its JSON file under modules/ and regenerate the outline (see docs/content.md); library items
// need no code change. The Monday messages load on their own (monday-messages.ts): only the email sender needs them.
import { readFileSync } from 'node:fs';
import backToWork from './back-to-work.json' with { type: 'json' };
import library from './library.json' with { type: 'json' };
import { MODULE_OUTLINES, moduleById, moduleFileName } from './outline.js';
import type { BackToWork as BackToWorkT, Grounding, LibraryItem, ListenSection, Module as ModuleT } from './schema.js';

export { MODULE_OUTLINES, type ModuleOutline, moduleById, moduleFileName, type SectionOutline } from './outline.js';

export const LIBRARY: readonly LibraryItem[] = Object.freeze(library as LibraryItem[]);
export const BACK_TO_WORK: BackToWorkT = Object.freeze(backToWork as BackToWorkT);

/** Where the module files are: modules/ next to this file in the source, next to the bundle when deployed. */
export const MODULES_DIR = new URL('./modules/', import.meta.url);

const loaded = new Map<string, ModuleT>();

/** A module with all its words, read from its file once per instance; undefined for an unknown id. */
export function loadModule(id: string): ModuleT | undefined {
  const outline = moduleById(id);
  if (!outline) return undefined;
  let module = loaded.get(id);
  if (!module) {
    module = Object.freeze(JSON.parse(readFileSync(new URL(moduleFileName(outline), MODULES_DIR), 'utf8')) as ModuleT);
    loaded.set(id, module);
  }
  return module;
}

/** A library item's guided listening practice (a listen section of a module), if it has one. */
export function practiceOf(item: LibraryItem): ListenSection | undefined {
  if (!item.practice) return undefined;
  const section = loadModule(item.practice.moduleId)?.sections.find((s) => s.id === item.practice!.sectionId);
  return section?.kind === 'listen' ? section : undefined;
}

checkCrossReferences();

export function libraryItemById(id: string): LibraryItem | undefined {
  return LIBRARY.find((item) => item.id === id);
}

export function groundingById(id: string): Grounding | undefined {
  return BACK_TO_WORK.groundings.find((g) => g.id === id);
}

/** Rules that span files: unique module ids and numbers, and library links that point at a real module (and listen section). */
function checkCrossReferences(): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  const numbers = new Set<number>();
  for (const m of MODULE_OUTLINES) {
    if (ids.has(m.id)) problems.push(`module id "${m.id}" is used twice`);
    if (numbers.has(m.number)) problems.push(`module number ${m.number} is used twice`);
    ids.add(m.id);
    numbers.add(m.number);
  }
  MODULE_OUTLINES.forEach((m, i) => {
    if (m.number !== i + 1)
      problems.push(`module numbers must run 1, 2, 3… (module "${m.id}" is ${m.number}, expected ${i + 1})`);
    const previous = MODULE_OUTLINES[i - 1];
    if (previous && previous.kind === 'optional' && m.kind === 'core')
      problems.push(`core module "${m.id}" comes after an optional one`);
  });
  for (const item of LIBRARY) {
    if (item.relatedModuleId && !ids.has(item.relatedModuleId)) {
      problems.push(`library item "${item.id}" points at unknown module "${item.relatedModuleId}"`);
    }
    const p = item.practice;
    if (p && moduleById(p.moduleId)?.sections.find((s) => s.id === p.sectionId)?.kind !== 'listen') {
      problems.push(`library item "${item.id}" practice is not a listen section ("${p.moduleId}" / "${p.sectionId}")`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid content:\n  ${problems.join('\n  ')}`);
}
