// Every module with all its words, for tests and tools that walk the whole course. Functions never import this:
// they use the outline (outline.ts) and load one module at a time (loadModule in index.ts).
import { loadModule, MODULE_OUTLINES } from './index.js';
import type { Module } from './schema.js';

/** All modules in course order (core first, then optional). */
export const MODULES: readonly Module[] = Object.freeze(MODULE_OUTLINES.map((o) => loadModule(o.id)!));
