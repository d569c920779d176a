// One wrapper per kind of trigger: every handler in functions/contexts.ts is made by its kind's wrapper (httpHandler,
// scheduledJob, queueConsumer), so config loading, logging with the invocation's id and the error model are the same
// everywhere and no handler has its own try/catch around the trigger.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { HTTP_CONTEXTS, QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../../functions/contexts.js';

const source = (entry: string) => readFileSync(new URL(`../../functions/${entry}`, import.meta.url), 'utf8');

it.each([
  ...HTTP_CONTEXTS.map((c) => ({ entry: c.entry, name: undefined, wrapper: 'httpHandler' })),
  ...SCHEDULED_JOBS.map((j) => ({ entry: j.entry, name: j.name, wrapper: 'scheduledJob' })),
  ...QUEUE_CONSUMERS.map((q) => ({ entry: q.entry, name: q.name, wrapper: 'queueConsumer' })),
])('$entry exports a handler made by $wrapper, under its name in contexts.ts', ({ entry, name, wrapper }) => {
  const text = source(entry);
  const made = new RegExp(`export const handler = ${wrapper}\\(${name ? `'${name}'` : 'routes'}[,)]`);
  expect(text).toMatch(made);
  expect(text).not.toMatch(/export (async )?function handler\b/);
});
