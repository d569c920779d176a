// Questionnaire scoring: the published rules, checked by property tests over all valid answer vectors and by the
// published examples. Each property states the rule independently of the implementation's table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QUESTIONNAIRE_IDS,
  QUESTIONNAIRES,
  type QuestionnaireId,
} from '../../functions/domain/programme/questionnaires/definitions.js';
import { improved, score } from '../../functions/domain/programme/questionnaires/scoring.js';
import { AppError } from '../../functions/shared/errors.js';

const vector = (n: number, min: number, max: number) =>
  fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('item wording and options are as published', () => {
  it('has the published item counts and option sets', () => {
    expect(QUESTIONNAIRES.pss10.items).toHaveLength(10);
    expect(QUESTIONNAIRES.phq9.items).toHaveLength(9);
    expect(QUESTIONNAIRES.gad7.items).toHaveLength(7);
    expect(QUESTIONNAIRES.who5.items).toHaveLength(5);
    expect(QUESTIONNAIRES.pss10.options.map((o) => o.label)).toEqual([
      'Never',
      'Almost never',
      'Sometimes',
      'Fairly often',
      'Very often',
    ]);
    expect(QUESTIONNAIRES.phq9.options.map((o) => [o.value, o.label])).toEqual([
      [0, 'Not at all'],
      [1, 'Several days'],
      [2, 'More than half the days'],
      [3, 'Nearly every day'],
    ]);
    expect(QUESTIONNAIRES.who5.options.map((o) => [o.value, o.label])).toEqual([
      [5, 'All of the time'],
      [4, 'Most of the time'],
      [3, 'More than half of the time'],
      [2, 'Less than half of the time'],
      [1, 'Some of the time'],
      [0, 'At no time'],
    ]);
    expect(QUESTIONNAIRES.phq9.items[8]).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    expect(QUESTIONNAIRES.pss10.items[3]).toBe(
      'In the last month, how often have you felt confident about your ability to handle your personal problems?',
    );
    expect(QUESTIONNAIRES.who5.items[0]).toBe('I have felt cheerful and in good spirits');
    expect(QUESTIONNAIRES.gad7.items[1]).toBe('Not being able to stop or control worrying');
  });

  it('bands cover each range exactly, with no gaps or overlaps', () => {
    for (const id of QUESTIONNAIRE_IDS) {
      const def = QUESTIONNAIRES[id];
      expect(def.bands[0]!.min).toBe(def.range.min);
      expect(def.bands.at(-1)!.max).toBe(def.range.max);
      for (const [i, b] of def.bands.slice(1).entries()) expect(b.min).toBe(def.bands[i]!.max + 1);
    }
  });

  it('band wording is about score ranges, never a diagnosis', () => {
    for (const id of QUESTIONNAIRE_IDS)
      for (const b of QUESTIONNAIRES[id].bands) {
        expect(b.description).toMatch(/^Scores from \d+ to \d+ /);
        expect(b.description).not.toMatch(/\b(you have (a|an|got)\b|diagnos|disorder|you are (depressed|anxious))/i);
      }
  });
});

describe('PSS-10', () => {
  const REVERSED = new Set([3, 4, 6, 7]); // items 4, 5, 7, 8 (0-based)

  it('total = positive items as answered + (4 − answer) for items 4, 5, 7, 8; always 0–40', () => {
    fc.assert(
      fc.property(vector(10, 0, 4), (answers) => {
        const expected = sum(answers.map((a, i) => (REVERSED.has(i) ? 4 - a : a)));
        const r = score('pss10', answers);
        expect(r.score).toBe(expected);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(40);
        expect(r.safetyConcern).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('raising a reversed item lowers the total by one, raising any other item raises it by one', () => {
    fc.assert(
      fc.property(vector(10, 0, 3), fc.integer({ min: 0, max: 9 }), (answers, i) => {
        const up = [...answers];
        up[i] = up[i]! + 1;
        expect(score('pss10', up).score - score('pss10', answers).score).toBe(REVERSED.has(i) ? -1 : 1);
      }),
    );
  });

  it('published examples: all "Never" = 16, all "Very often" = 24, most stressed = 40, least stressed = 0', () => {
    expect(score('pss10', Array(10).fill(0)).score).toBe(16);
    expect(score('pss10', Array(10).fill(4)).score).toBe(24);
    expect(score('pss10', [4, 4, 4, 0, 0, 4, 0, 0, 4, 4]).score).toBe(40);
    expect(score('pss10', [0, 0, 0, 4, 4, 0, 4, 4, 0, 0]).score).toBe(0);
    // Worked example: 2,3,3,1,1,2,2,1,3,2 → 2+3+3+3+3+2+2+3+3+2 = 26
    expect(score('pss10', [2, 3, 3, 1, 1, 2, 2, 1, 3, 2]).score).toBe(26);
  });

  it('bands at their boundaries: 13 lower, 14 middle, 26 middle, 27 higher', () => {
    const withTotal = (t: number) => {
      // non-reversed items carry the total; reversed items answered 4 contribute 0
      const a = [0, 0, 0, 4, 4, 0, 4, 4, 0, 0];
      const free = [0, 1, 2, 5, 8, 9];
      let left = t;
      for (const i of free) {
        a[i] = Math.min(4, left);
        left -= a[i]!;
      }
      for (const i of [3, 4, 6, 7]) {
        const take = Math.min(4, left);
        a[i] = 4 - take;
        left -= take;
      }
      return a;
    };
    expect(score('pss10', withTotal(13)).band.label).toBe('Lower range');
    expect(score('pss10', withTotal(14)).band.label).toBe('Middle range');
    expect(score('pss10', withTotal(26)).band.label).toBe('Middle range');
    expect(score('pss10', withTotal(27)).band.label).toBe('Higher range');
    expect(score('pss10', withTotal(40)).score).toBe(40);
  });
});

describe('PHQ-9', () => {
  const phqBand = (t: number) =>
    t <= 4 ? 'Minimal' : t <= 9 ? 'Mild' : t <= 14 ? 'Moderate' : t <= 19 ? 'Moderately severe' : 'Severe';

  it('total is the plain sum 0–27 with the published bands, for every valid vector', () => {
    fc.assert(
      fc.property(vector(9, 0, 3), (answers) => {
        const r = score('phq9', answers);
        expect(r.score).toBe(sum(answers));
        expect(r.band.label).toBe(phqBand(sum(answers)));
        expect(r.safetyConcern).toBe(answers[8]! > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('every band boundary: 4/5, 9/10, 14/15, 19/20, and 0 and 27', () => {
    const withTotal = (t: number) => Array.from({ length: 9 }, (_, i) => Math.max(0, Math.min(3, t - 3 * i)));
    for (const [t, label] of [
      [0, 'Minimal'],
      [4, 'Minimal'],
      [5, 'Mild'],
      [9, 'Mild'],
      [10, 'Moderate'],
      [14, 'Moderate'],
      [15, 'Moderately severe'],
      [19, 'Moderately severe'],
      [20, 'Severe'],
      [27, 'Severe'],
    ] as const) {
      const r = score('phq9', withTotal(t));
      expect(r.score).toBe(t);
      expect(r.band.label).toBe(label);
    }
  });

  it('item 9 above 0 raises the safety flag whatever the total (even a minimal one)', () => {
    for (const v of [1, 2, 3]) {
      const r = score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, v]);
      expect(r.safetyConcern).toBe(true);
      expect(r.band.label).toBe('Minimal');
    }
    expect(score('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0]).safetyConcern).toBe(false);
  });
});

describe('GAD-7', () => {
  const gadBand = (t: number) => (t <= 4 ? 'Minimal' : t <= 9 ? 'Mild' : t <= 14 ? 'Moderate' : 'Severe');
  it('total is the plain sum 0–21 with the published bands', () => {
    fc.assert(
      fc.property(vector(7, 0, 3), (answers) => {
        const r = score('gad7', answers);
        expect(r.score).toBe(sum(answers));
        expect(r.band.label).toBe(gadBand(sum(answers)));
        expect(r.safetyConcern).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
  it('band boundaries 4/5, 9/10, 14/15 and the extremes', () => {
    const withTotal = (t: number) => Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, t - 3 * i)));
    for (const [t, label] of [
      [0, 'Minimal'],
      [4, 'Minimal'],
      [5, 'Mild'],
      [9, 'Mild'],
      [10, 'Moderate'],
      [14, 'Moderate'],
      [15, 'Severe'],
      [21, 'Severe'],
    ] as const)
      expect(score('gad7', withTotal(t)).band.label).toBe(label);
  });
});

describe('WHO-5', () => {
  it('raw 0–25 multiplied by 4 gives 0–100, always a multiple of 4', () => {
    fc.assert(
      fc.property(vector(5, 0, 5), (answers) => {
        const r = score('who5', answers);
        expect(r.rawTotal).toBe(sum(answers));
        expect(r.score).toBe(sum(answers) * 4);
        expect(r.score % 4).toBe(0);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000 },
    );
  });
  it('published examples: all "At no time" = 0, all "All of the time" = 100, raw 13 = 52', () => {
    expect(score('who5', [0, 0, 0, 0, 0]).score).toBe(0);
    expect(score('who5', [5, 5, 5, 5, 5]).score).toBe(100);
    expect(score('who5', [3, 3, 3, 2, 2]).score).toBe(52);
    expect(score('who5', [3, 3, 3, 2, 2]).band.label).toBe('Average or above');
    expect(score('who5', [2, 2, 2, 2, 4]).score).toBe(48);
    expect(score('who5', [2, 2, 2, 2, 4]).band.label).toBe('Below average');
    expect(score('who5', [2, 1, 1, 1, 2]).score).toBe(28);
    expect(score('who5', [2, 1, 1, 1, 2]).band.label).toBe('Low');
  });
});

describe('WHO-5 poor-wellbeing rule (raw < 13 or any item 0 or 1)', () => {
  it('flags exactly when the published rule is met, for every answer vector', () => {
    fc.assert(
      fc.property(vector(5, 0, 5), (answers) => {
        const expected = sum(answers) < 13 || answers.some((a) => a <= 1);
        expect(score('who5', answers).flag !== null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
  it('flags [5,5,3,0,0] (52, "Average or above") and leaves [3,3,3,2,2] unflagged', () => {
    const r = score('who5', [5, 5, 3, 0, 0]);
    expect(r.score).toBe(52);
    expect(r.band.label).toBe('Average or above');
    expect(r.flag?.label).toBe('Your wellbeing may be low at the moment');
    expect(r.flag?.description).toMatch(/GP/);
    expect(score('who5', [3, 3, 3, 2, 2]).flag).toBeNull();
    expect(score('who5', [2, 2, 2, 2, 4]).flag).not.toBeNull(); // raw 12, below 13, though no item is 0 or 1
    expect(score('who5', [3, 3, 3, 2, 2]).rawTotal).toBe(13);
  });
  it('other questionnaires carry no flag', () => {
    expect(score('gad7', [0, 0, 0, 0, 0, 0, 0]).flag).toBeNull();
  });
});

describe('incomplete or invalid forms are not scored', () => {
  const failure = (id: QuestionnaireId, answers: (number | null)[]) => {
    try {
      score(id, answers);
    } catch (err) {
      return err as AppError;
    }
    throw new Error('expected a failure');
  };

  it('names every unanswered item, for any subset of missing items', () => {
    fc.assert(
      fc.property(
        vector(9, 0, 3),
        fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 9 }),
        (answers, missing) => {
          const partial: (number | null)[] = [...answers];
          for (const i of missing) partial[i] = null;
          const err = failure('phq9', partial);
          expect(err).toBeInstanceOf(AppError);
          expect(err.status).toBe(422);
          expect(err.fields.map((f) => f.field).sort()).toEqual(missing.map((i) => `body.answers.${i}`).sort());
        },
      ),
    );
  });

  it('a short vector is incomplete; a long one and out-of-range values are refused', () => {
    expect(failure('gad7', [1, 1, 1]).fields.map((f) => f.field)).toEqual([
      'body.answers.3',
      'body.answers.4',
      'body.answers.5',
      'body.answers.6',
    ]);
    expect(failure('gad7', [1, 1, 1, 1, 1, 1, 1, 1]).fields[0]!.field).toBe('body.answers');
    expect(failure('phq9', [0, 0, 0, 0, 4, 0, 0, 0, 0]).fields).toEqual([
      { field: 'body.answers.4', message: 'question 5 must be one of 0, 1, 2, 3' },
    ]);
    expect(failure('who5', [0, 0, 6, 0, 0]).fields[0]!.field).toBe('body.answers.2');
    expect(failure('pss10', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5]).fields[0]!.field).toBe('body.answers.9');
  });
});

it('improvement direction: lower is better except WHO-5', () => {
  expect(improved('pss10', 20, 15)).toBe(true);
  expect(improved('gad7', 5, 5)).toBe(false);
  expect(improved('who5', 40, 60)).toBe(true);
  expect(improved('who5', 60, 40)).toBe(false);
});
