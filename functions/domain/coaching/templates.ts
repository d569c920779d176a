// Reply templates: a few built-in starting points written for Respite, plus the tenant coaches' own.
// A template is only a starting point: the coach edits it in the reply box before sending.

import type { Db } from '../../shared/db.js';
import { conflict } from '../../shared/errors.js';
import { keys } from '../keys.js';
import { listTemplates } from './repository.js';
import type { TemplateItem } from './schema.js';

export const BUILT_IN_TEMPLATES: { templateId: string; title: string; text: string }[] = [
  {
    templateId: 'builtin-welcome',
    title: 'Welcome and thanks',
    text: 'Hello, and thank you for writing to me. I have read your message carefully. It takes something to put these things into words, and you have made a good start.\n\n',
  },
  {
    templateId: 'builtin-time',
    title: 'Finding time for the course',
    text: 'Lots of people tell me that finding time is the hardest part. Your organisation has said you can use Respite during work time. It can help to book 20 minutes in your calendar, the same as any other meeting, and treat it as fixed.\n\n',
  },
  {
    templateId: 'builtin-diary',
    title: 'Thanks for sharing a diary entry',
    text: 'Thank you for sharing your diary entry with me. I noticed that',
  },
  {
    templateId: 'builtin-gp',
    title: 'Suggest talking to a GP',
    text: 'From what you have told me, I think it would really help to talk to your GP as well. They can look at everything that is going on and talk about other kinds of support. Respite can carry on alongside that.\n\n',
  },
  {
    templateId: 'builtin-close',
    title: 'Warm sign-off',
    text: '\n\nTake care, and write again whenever you like. I usually reply within a working day.',
  },
];

export async function allTemplates(db: Db) {
  const own = await listTemplates(db);
  return [
    ...BUILT_IN_TEMPLATES.map((t) => ({ ...t, builtIn: true })),
    ...own.map((t) => ({ templateId: t.templateId, title: t.title, text: t.text, builtIn: false })),
  ];
}

/** Saves a coach's template; saving the same id and text again changes nothing. */
export async function saveTemplate(
  db: Db,
  input: { id: string; title: string; text: string },
  now: Date,
): Promise<{ created: boolean }> {
  if (BUILT_IN_TEMPLATES.some((t) => t.templateId === input.id))
    throw conflict('That id belongs to a built-in template.', 'template_id_in_use');
  const item: TemplateItem = {
    templateId: input.id,
    title: input.title,
    text: input.text,
    createdAt: now.toISOString(),
  };
  const created = await db.put({ ...keys.coachTemplate(input.id), ...item }, { ifAbsent: true });
  if (created) return { created };
  const existing = (await listTemplates(db)).find((t) => t.templateId === input.id);
  if (existing && (existing.title !== input.title || existing.text !== input.text))
    throw conflict('A different template was already saved with this id.', 'template_id_in_use');
  return { created: false };
}

/** Deleting an absent template changes nothing (so a retried delete is fine). */
export async function deleteTemplate(db: Db, templateId: string): Promise<void> {
  if (BUILT_IN_TEMPLATES.some((t) => t.templateId === templateId))
    throw conflict('Built-in templates cannot be deleted.', 'built_in_template');
  await db.delete(keys.coachTemplate(templateId));
}
