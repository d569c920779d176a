// Which module comes next for a person: the first core module not yet completed, else the first optional one.
// One rule for the course overview (home) and the reminder email ("Module 3: Problem solving, 15 min").
import { MODULE_OUTLINES as MODULES } from './content/index.js';
import type { ModuleProgressItem } from './schema.js';

export interface NextModule {
  moduleId: string;
  title: string;
  number: number;
  minutes: number;
}

export function nextModuleOf(progress: readonly Pick<ModuleProgressItem, 'moduleId' | 'status'>[]): NextModule | null {
  const done = new Set(progress.filter((p) => p.status === 'completed').map((p) => p.moduleId));
  const next = MODULES.find((m) => m.kind === 'core' && !done.has(m.id)) ?? MODULES.find((m) => !done.has(m.id));
  return next ? { moduleId: next.id, title: next.title, number: next.number, minutes: next.minutes } : null;
}
