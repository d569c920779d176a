// Submitting and reading questionnaires. Scores come from the one scoring module; the response tells the UI to
// show crisis resources first whenever PHQ-9 item 9 is above 0. Counters never depend on answers.

import type { Db } from '../../../shared/db.js';
import type { CrisisResourceItem } from '../../../shared/tenant-config.js';
import { getProfile } from '../../enrolment/repository.js';
import { countDistinct, periodsOf } from '../../stats/counters.js';
import * as repo from '../repository.js';
import type { QuestionnaireResponseItem } from '../schema.js';
import { QUESTIONNAIRE_IDS, QUESTIONNAIRES, type QuestionnaireId } from './definitions.js';
import { flagFor, improved, score } from './scoring.js';

export interface ResponseView {
  responseId: string;
  questionnaireId: QuestionnaireId;
  score: number;
  band: { label: string; description: string; min: number; max: number };
  flag: { label: string; description: string } | null;
  submittedAt: string;
  safetyConcern: boolean;
}

function view(item: QuestionnaireResponseItem): ResponseView {
  const def = QUESTIONNAIRES[item.questionnaireId];
  const band = def.bands.find((b) => item.score >= b.min && item.score <= b.max) ?? def.bands[0]!;
  return {
    responseId: item.responseId,
    questionnaireId: item.questionnaireId,
    score: item.score,
    band: { label: band.label, description: band.description, min: band.min, max: band.max },
    flag: flagFor(def, item.answers, item.rawTotal),
    submittedAt: item.submittedAt,
    safetyConcern: item.safetyConcern,
  };
}

/** The definitions the UI renders (wording, options, ranges, bands). No I/O. */
export function listDefinitions() {
  return QUESTIONNAIRE_IDS.map((id) => {
    const d = QUESTIONNAIRES[id];
    return {
      id: d.id,
      name: d.name,
      about: d.about,
      instructions: d.instructions,
      items: d.items,
      options: d.options,
      range: d.range,
      higherIsBetter: d.higherIsBetter,
      bands: d.bands,
      citation: d.citation,
    };
  });
}

/** Every response of the person, oldest first, grouped by questionnaire: one Query. */
export async function history(db: Db, userId: string) {
  const items = await repo.listResponses(db, userId);
  const sorted = items.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return Object.fromEntries(
    QUESTIONNAIRE_IDS.map((id) => [id, sorted.filter((i) => i.questionnaireId === id).map(view)]),
  ) as Record<QuestionnaireId, ResponseView[]>;
}

/**
 * Scores and stores a completed questionnaire. A retried submission (same responseId) returns the stored result
 * and is counted once. When `safety.show` is true the UI must show `safety.crisisResources` before the score.
 */
export async function submit(
  db: Db,
  userId: string,
  input: { questionnaireId: QuestionnaireId; responseId: string; answers: (number | null)[] },
  crisisResources: CrisisResourceItem[],
  now: Date,
) {
  const result = score(input.questionnaireId, input.answers);
  const item: QuestionnaireResponseItem = {
    questionnaireId: input.questionnaireId,
    responseId: input.responseId,
    answers: input.answers as number[],
    rawTotal: result.rawTotal,
    score: result.score,
    bandLabel: result.band.label,
    safetyConcern: result.safetyConcern,
    submittedAt: now.toISOString(),
  };
  const department = (await getProfile(db, userId))?.departmentId;
  const fresh = await repo.storeResponse(db, userId, item, department, now);
  const stored = fresh ? item : ((await repo.getResponse(db, userId, input.questionnaireId, input.responseId)) ?? item);
  if (fresh) {
    await countDistinct(db, userId, 'active', department, now);
    // PHQ-9 never feeds the "improved" statistic, so nothing derived from item 9 reaches an aggregate.
    if (input.questionnaireId !== 'phq9')
      for (const period of periodsOf(now)) {
        const first = await repo.firstScoreIn(db, userId, input.questionnaireId, period, item.score, now);
        if (improved(input.questionnaireId, first, item.score))
          await repo.countImprovedOnce(db, userId, period, department, now);
      }
  }
  const safetyConcern = stored.safetyConcern;
  return {
    safety: { show: safetyConcern, crisisResources: safetyConcern ? crisisResources : [] },
    response: view(stored),
  };
}
