// The one scoring function for every questionnaire, driven by the definitions' data (reverse items, multiplier,
// bands). Pure: no I/O, no clock. Incomplete or out-of-range answers are refused with a 422 naming each item,
// because a partly answered form has no valid published score.
import { AppError, type FieldProblem } from '../../../shared/errors.js';
import { QUESTIONNAIRES, type QuestionnaireDefinition, type QuestionnaireId, type ScoreBand } from './definitions.js';

export interface ScoreResult {
  questionnaireId: QuestionnaireId;
  /** Sum of item values after reverse scoring, before the multiplier. */
  rawTotal: number;
  /** The reported score (rawTotal × multiplier). */
  score: number;
  band: Pick<ScoreBand, 'label' | 'description' | 'min' | 'max'>;
  /** true when the safety item was answered above 0: show crisis resources before the score. */
  safetyConcern: boolean;
  /** The instrument's published flag when its rule is met (WHO-5 poor wellbeing), else null. */
  flag: { label: string; description: string } | null;
}

/** The definition's flag when the answers meet its rule: raw total below the cut-off, or any item at or under the floor. */
export function flagFor(
  def: QuestionnaireDefinition,
  answers: readonly number[],
  rawTotal: number,
): ScoreResult['flag'] {
  const rule = def.flag;
  if (!rule) return null;
  const met = rawTotal < rule.rawTotalBelow || answers.some((a) => a <= rule.anyItemAtMost);
  return met ? { label: rule.label, description: rule.description } : null;
}

const optionMax = (def: QuestionnaireDefinition) => Math.max(...def.options.map((o) => o.value));
const optionMin = (def: QuestionnaireDefinition) => Math.min(...def.options.map((o) => o.value));

/** The problems with an answer vector (empty when every item has a valid answer). Field paths are body.answers.<i>. */
export function answerProblems(
  def: QuestionnaireDefinition,
  answers: readonly (number | null | undefined)[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = new Set(def.options.map((o) => o.value));
  if (answers.length > def.items.length)
    problems.push({
      field: 'body.answers',
      message: `has ${answers.length} answers; ${def.name} has ${def.items.length} questions`,
    });
  def.items.forEach((_, i) => {
    const a = answers[i];
    if (a === null || a === undefined)
      problems.push({ field: `body.answers.${i}`, message: `question ${i + 1} is not answered` });
    else if (!Number.isInteger(a) || !allowed.has(a))
      problems.push({
        field: `body.answers.${i}`,
        message: `question ${i + 1} must be one of ${[...allowed].sort((x, y) => x - y).join(', ')}`,
      });
  });
  return problems;
}

export function bandFor(def: QuestionnaireDefinition, score: number): ScoreBand {
  const band = def.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new Error(`no band for ${def.id} score ${score}`);
  return band;
}

/** Scores a complete answer vector (values as in the definition's options, in item order). */
export function score(id: QuestionnaireId, answers: readonly (number | null | undefined)[]): ScoreResult {
  const def = QUESTIONNAIRES[id];
  const problems = answerProblems(def, answers);
  if (problems.length > 0) {
    const missing = problems.filter((p) => p.message.endsWith('not answered')).length;
    const message =
      missing > 0
        ? `Please answer every question to get a score (${missing} not answered yet).`
        : 'Some answers are not valid.';
    throw new AppError(
      422,
      'incomplete_questionnaire',
      `${message} ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const max = optionMax(def);
  const min = optionMin(def);
  const rawTotal = (answers as number[]).reduce(
    (sum, value, i) => sum + (def.reverseItems.includes(i + 1) ? max + min - value : value),
    0,
  );
  const total = rawTotal * def.multiplier;
  const band = bandFor(def, total);
  return {
    questionnaireId: id,
    rawTotal,
    score: total,
    band: { label: band.label, description: band.description, min: band.min, max: band.max },
    safetyConcern: def.safetyItem !== undefined && (answers[def.safetyItem - 1] as number) > 0,
    flag: flagFor(def, answers as number[], rawTotal),
  };
}

/** Whether `later` is better than `earlier` for this questionnaire (lower stress, or higher wellbeing). */
export function improved(id: QuestionnaireId, earlier: number, later: number): boolean {
  return QUESTIONNAIRES[id].higherIsBetter ? later > earlier : later < earlier;
}
