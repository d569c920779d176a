// The course outline: every module without its words to read or hear (no paragraphs, scripts, intros, goals or field help),
// generated from modules/*.json into outline.json. It is all that the course overview, progress, answer validation,
// calendar downloads, coaching share sources and the return-to-work guide need, so those load a few KB instead of
// the whole course; only a module's own page reads its full file (loadModule in index.ts).
// Regenerate after editing a module: node_modules/.bin/tsx scripts/content-outline.ts (the content tests fail
// when outline.json is stale).

import outline from './outline.json' with { type: 'json' };
import type { ExerciseField, ExerciseSection, Module, Section } from './schema.js';

export type SectionOutline =
  | Pick<Extract<Section, { kind: 'reading' | 'listen' }>, 'id' | 'title' | 'kind' | 'minutes'>
  | (Pick<ExerciseSection, 'id' | 'title' | 'kind' | 'minutes' | 'activity' | 'reflective' | 'practice'> & {
      fields: FieldOutline[];
    });
/** An exercise field without its help text. */
export type FieldOutline = ExerciseField extends infer F ? (F extends ExerciseField ? Omit<F, 'help'> : never) : never;
export type ModuleOutline = Pick<Module, 'id' | 'number' | 'title' | 'summary' | 'kind' | 'minutes'> & {
  sections: SectionOutline[];
};

/** A module's outline (what outline.json holds for it). */
export function outlineOf(m: Module): ModuleOutline {
  return {
    id: m.id,
    number: m.number,
    title: m.title,
    summary: m.summary,
    kind: m.kind,
    minutes: m.minutes,
    sections: m.sections.map((s): SectionOutline => {
      const base = { id: s.id, title: s.title, kind: s.kind, minutes: s.minutes };
      return s.kind === 'exercise'
        ? {
            ...base,
            kind: 'exercise',
            activity: s.activity,
            reflective: s.reflective,
            ...(s.practice ? { practice: s.practice } : {}),
            fields: s.fields.map(({ help: _help, ...f }) => f as FieldOutline),
          }
        : (base as SectionOutline);
    }),
  };
}

/** All modules in course order (core first, then optional), in outline. */
export const MODULE_OUTLINES: readonly ModuleOutline[] = Object.freeze(outline as ModuleOutline[]);

/** The file in modules/ that holds a module: NN-<id>.json. */
export const moduleFileName = (m: Pick<Module, 'id' | 'number'>) => `${String(m.number).padStart(2, '0')}-${m.id}.json`;

export function moduleById(id: string): ModuleOutline | undefined {
  return MODULE_OUTLINES.find((m) => m.id === id);
}
