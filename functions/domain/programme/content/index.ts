// The course content, validated when this module loads: a bad edit to any JSON file fails start-up and the
// content tests, never a page in front of an employee. To add a module, add its JSON file under modules/ and one
// import line below (see docs/content.md); library items need no code change.
// The Monday messages load on their own (monday-messages.ts): only the email sender needs them.
import { BackToWork, Library, Module, parseContent } from './schema.js';
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

const moduleFiles: Record<string, unknown> = {
  '01-understanding-stress.json': m01,
  '02-thoughts-and-feelings.json': m02,
  '03-problem-solving.json': m03,
  '04-mindfulness-and-attention.json': m04,
  '05-strengths-and-good-things.json': m05,
  '06-sleep-and-recovery.json': m06,
  '07-boundaries-and-balance.json': m07,
  '08-worry-and-rumination.json': m08,
  '09-difficult-conversations.json': m09,
  '10-staying-well.json': m10,
};

/** All modules in course order (core first, then optional). */
export const MODULES: readonly ModuleT[] = Object.freeze(
  Object.entries(moduleFiles)
    .map(([file, data]) => parseContent(`modules/${file}`, Module, data))
    .sort((a, b) => a.number - b.number),
);
export const LIBRARY: readonly LibraryItem[] = Object.freeze(parseContent('library.json', Library, library));
export const BACK_TO_WORK: BackToWorkT = Object.freeze(parseContent('back-to-work.json', BackToWork, backToWork));

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
