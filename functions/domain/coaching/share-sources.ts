// Turns the person's own programme items into share snapshots, through the programme context's repository.
// Item ids as the client sends them: diary → "<entryId>", questionnaire → "<questionnaireId>:<responseId>",
// exercise → "<moduleId>:<sectionId>". Anything not found in the person's own partition → undefined (404).

import type { Db } from '../../shared/db.js';
import { moduleById } from '../programme/content/outline.js';
import type { ExerciseField } from '../programme/content/schema.js';
import { QUESTIONNAIRE_IDS, QUESTIONNAIRES, type QuestionnaireId } from '../programme/questionnaires/definitions.js';
import {
  getDiaryEntry,
  getResponse,
  listDiary,
  listModuleAnswers,
  listModuleProgress,
  listResponses,
} from '../programme/repository.js';
import type { ShareSnapshot, ShareType } from './schema.js';
import type { SnapshotLoader } from './shares.js';

type Line = { label: string; value: string };
const line = (label: string, value: unknown): Line | undefined => {
  const text = value === null || value === undefined ? '' : String(value).trim();
  return text ? { label, value: text } : undefined;
};
const present = (lines: (Line | undefined)[]) => lines.filter((l): l is Line => l !== undefined);

const DIARY_TITLES = { stress: 'Stress diary entry', thought: 'Thought record' } as const;

function diarySnapshot(entry: Record<string, unknown>, occurredAt: string): ShareSnapshot {
  const kind = entry.kind === 'thought' ? 'thought' : 'stress';
  const lines =
    kind === 'stress'
      ? present([
          line('What happened', entry.situation),
          line('How stressed (0–10)', entry.stress),
          line('In my body and feelings', entry.bodyAndFeelings),
          line('What helped', entry.whatHelped),
        ])
      : present([
          line('What happened', entry.situation),
          line('The thought', entry.automaticThought),
          line('The feeling', entry.emotion),
          line('How strong, before (0–100)', entry.intensityBefore),
          line('Evidence for the thought', entry.evidenceFor),
          line('Evidence against it', entry.evidenceAgainst),
          line('A more balanced thought', entry.balancedThought),
          line('How strong, after (0–100)', entry.intensityAfter),
        ]);
  return { title: DIARY_TITLES[kind], itemDate: occurredAt, lines, safety: false };
}

function answerText(field: ExerciseField, value: unknown): string {
  if (field.type === 'choice') {
    const ids = Array.isArray(value) ? value : [value];
    return ids
      .map((id) => field.options.find((o) => o.id === id)?.label ?? '')
      .filter(Boolean)
      .join(', ');
  }
  if (field.type === 'list')
    return (Array.isArray(value) ? value : [])
      .map(String)
      .filter((s) => s.trim())
      .join('; ');
  return value === null || value === undefined ? '' : String(value);
}

const isQuestionnaireId = (id: string): id is QuestionnaireId => (QUESTIONNAIRE_IDS as readonly string[]).includes(id);

export const loadProgrammeSnapshot: SnapshotLoader = async (
  db: Db,
  userId: string,
  itemType: ShareType,
  itemId: string,
) => {
  if (itemType === 'diary') {
    const item = await getDiaryEntry(db, userId, itemId);
    return item ? diarySnapshot(item.entry, item.occurredAt) : undefined;
  }
  const [first, second] = itemId.split(':');
  if (!first || !second) return undefined;
  if (itemType === 'questionnaire') {
    if (!isQuestionnaireId(first)) return undefined;
    const r = await getResponse(db, userId, first, second);
    if (!r) return undefined;
    const def = QUESTIONNAIRES[first];
    return {
      title: `${def.name} result`,
      itemDate: r.submittedAt,
      lines: present([line('Score', r.score), line('What the score suggests', r.bandLabel)]),
      // The crisis protocol banner: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) above 0.
      safety: first === 'phq9' && (r.safetyConcern || (r.answers[8] ?? 0) > 0),
    };
  }
  const module = moduleById(first);
  const section = module?.sections.find((s) => s.id === second);
  if (!module || !section || section.kind !== 'exercise') return undefined;
  const saved = (await listModuleAnswers(db, userId, first)).find((a) => a.sectionId === second);
  if (!saved) return undefined;
  return {
    title: `${module.title}: ${section.title}`,
    itemDate: saved.updatedAt,
    lines: present(section.fields.map((f) => line(f.label, answerText(f, saved.answers[f.id])))),
    safety: false,
  };
};

/** The person's own items they could share, newest first, for the share picker. */
export async function shareableItems(db: Db, userId: string) {
  const [diary, responses, progress] = await Promise.all([
    listDiary(db, userId),
    listResponses(db, userId),
    listModuleProgress(db, userId),
  ]);
  const items: { itemType: ShareType; itemId: string; title: string; date: string }[] = [];
  for (const d of diary)
    items.push({
      itemType: 'diary',
      itemId: d.entryId,
      title: DIARY_TITLES[d.entry.kind === 'thought' ? 'thought' : 'stress'],
      date: d.occurredAt,
    });
  for (const r of responses)
    items.push({
      itemType: 'questionnaire',
      itemId: `${r.questionnaireId}:${r.responseId}`,
      title: `${QUESTIONNAIRES[r.questionnaireId].name} result`,
      date: r.submittedAt,
    });
  const answerLists = await Promise.all(progress.map((p) => listModuleAnswers(db, userId, p.moduleId)));
  answerLists.flat().forEach((a) => {
    const module = moduleById(a.moduleId);
    const section = module?.sections.find((s) => s.id === a.sectionId);
    if (module && section?.kind === 'exercise')
      items.push({
        itemType: 'exercise',
        itemId: `${a.moduleId}:${a.sectionId}`,
        title: `${module.title}: ${section.title}`,
        date: a.updatedAt,
      });
  });
  return items.sort((a, b) => b.date.localeCompare(a.date));
}
