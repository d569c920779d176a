// The course content. Every JSON file is validated against schema.ts by the content tests, which also check that
// parsing changes nothing, so the app uses the files as they are: a bad edit fails the tests (and CI), never a page in
// front of an employee, and no function spends its cold start re-checking text that cannot change after the build.
// To add a module, add its JSON file under modules/ and one import line below (see docs/content.md); library items
// need no code change. The Monday messages load on their own (monday-messages.ts): only the email sender needs them.
import type { BackToWork as BackToWorkT, Grounding, LibraryItem, Module as ModuleT } from './schema.js';

import m01 from './modules/01-understanding-stress.json' with { type: 'json' };
import m02 from './modules/02-thoughts-and-feelings.json' with { type: 'json' };
import m03 from './modules/03-problem-solving.json' with { type: 'json' };
import m04 from './modules/04-mindfulness-and-attention.json' with { type: 'json' };
import m05 from './modules/05-strengths-and-good-things.json' with { type: 'json' };
import m06 from './modules/06-sleep-and-recovery.json' with { type: 'json' };
import m07 from './modules/07-boundaries-and-balance.json' with { type: 'json' };
import m08 from './modules/08-worry-and-rumination.json' with { type: 'json' };
import m09 from './modules/09-difficult-conversations.json' with { type: 'json' };
import m10 from './modules/10-staying-well.json' with { type: 'json' };
import library from './library.json' with { type: 'json' };
import backToWork from './back-to-work.json' with { type: 'json' };

const moduleFiles: unknown[] = [m01, m02, m03, m04, m05, m06, m07, m08, m09, m10];

/** All modules in course order (core first, then optional). */
export const MODULES: readonly ModuleT[] = Object.freeze(
  moduleFiles.map((data) => data as ModuleT).sort((a, b) => a.number - b.number),
);
export const LIBRARY: readonly LibraryItem[] = Object.freeze(library as LibraryItem[]);
export const BACK_TO_WORK: BackToWorkT = Object.freeze(backToWork as BackToWorkT);

checkCrossReferences();

export function moduleById(id: string): ModuleT | undefined {
  return MODULES.find((m) => m.id === id);
}

export function libraryItemById(id: string): LibraryItem | undefined {
  return LIBRARY.find((item) => item.id === id);
}

export function groundingById(id: string): Grounding | undefined {
  return BACK_TO_WORK.groundings.find((g) => g.id === id);
}

/** Rules that span files: unique module ids and numbers, and library links that point at a real module. */
function checkCrossReferences(): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  const numbers = new Set<number>();
  for (const m of MODULES) {
    if (ids.has(m.id)) problems.push(`module id "${m.id}" is used twice`);
    if (numbers.has(m.number)) problems.push(`module number ${m.number} is used twice`);
    ids.add(m.id);
    numbers.add(m.number);
  }
  MODULES.forEach((m, i) => {
    if (m.number !== i + 1) problems.push(`module numbers must run 1, 2, 3… (module "${m.id}" is ${m.number}, expected ${i + 1})`);
    const previous = MODULES[i - 1];
    if (previous && previous.kind === 'optional' && m.kind === 'core') problems.push(`core module "${m.id}" comes after an optional one`);
  });
  for (const item of LIBRARY) {
    if (item.relatedModuleId && !ids.has(item.relatedModuleId)) {
      problems.push(`library item "${item.id}" points at unknown module "${item.relatedModuleId}"`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid content:\n  ${problems.join('\n  ')}`);
}
