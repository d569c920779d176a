// The four self-monitoring questionnaires, with the item wording and response options exactly as published.
// Scoring rules live beside each definition as data (reverse items, multiplier, bands) and are applied by the one
// scoring function in scoring.ts. Band wording describes score ranges only: never a diagnosis.
//
// Sources: PSS-10 — Cohen, Kamarck & Mermelstein (1983), Cohen & Williamson (1988); PHQ-9 — Kroenke, Spitzer &
// Williams (2001), developed with Pfizer, free to use; GAD-7 — Spitzer, Kroenke, Williams & Löwe (2006), free to use;
// WHO-5 — WHO Collaborating Centre in Mental Health, Psychiatric Centre North Zealand (1998 version).

export const QUESTIONNAIRE_IDS = ['pss10', 'phq9', 'gad7', 'who5'] as const;
export type QuestionnaireId = (typeof QUESTIONNAIRE_IDS)[number];

export interface ResponseOption {
  value: number;
  label: string;
}

export interface ScoreBand {
  /** Inclusive bounds on the reported score. */
  min: number;
  max: number;
  /** Short name of the range, e.g. "Mild". */
  label: string;
  /** Plain words about what scores in this range usually mean. Never a diagnosis. */
  description: string;
}

export interface QuestionnaireDefinition {
  id: QuestionnaireId;
  /** The published short name. */
  name: string;
  /** What it looks at, in plain words. */
  about: string;
  /** The published instruction shown above the items. */
  instructions: string;
  items: readonly string[];
  /** In the published order. */
  options: readonly ResponseOption[];
  /** 1-based item numbers that are reverse-scored (value → maxOption − value). */
  reverseItems: readonly number[];
  /** The raw total is multiplied by this (WHO-5: ×4 → 0–100). */
  multiplier: number;
  /** The reported score's range. */
  range: { min: number; max: number };
  /** true when a higher score means feeling better (WHO-5). */
  higherIsBetter: boolean;
  /** Cover the whole range with no gaps or overlaps (a unit test checks this). */
  bands: readonly ScoreBand[];
  /** 1-based item whose answer above 0 means crisis resources are shown first (PHQ-9 item 9). */
  safetyItem?: number;
  /**
   * A published screening rule on top of the bands (WHO-5: poor wellbeing when the raw total is below 13 or any
   * item is answered 0 or 1), shown with the guidance's suggestion.
   */
  flag?: { rawTotalBelow: number; anyItemAtMost: number; label: string; description: string };
  citation: string;
}

const FREQUENCY_4: readonly ResponseOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

export const PSS10: QuestionnaireDefinition = {
  id: 'pss10',
  name: 'PSS-10',
  about: 'How stressful your life has felt over the last month.',
  instructions:
    'The questions in this scale ask you about your feelings and thoughts during the last month. In each case, you will be asked to indicate how often you felt or thought a certain way.',
  items: [
    'In the last month, how often have you been upset because of something that happened unexpectedly?',
    'In the last month, how often have you felt that you were unable to control the important things in your life?',
    'In the last month, how often have you felt nervous and "stressed"?',
    'In the last month, how often have you felt confident about your ability to handle your personal problems?',
    'In the last month, how often have you felt that things were going your way?',
    'In the last month, how often have you found that you could not cope with all the things that you had to do?',
    'In the last month, how often have you been able to control irritations in your life?',
    'In the last month, how often have you felt that you were on top of things?',
    'In the last month, how often have you been angered because of things that were outside of your control?',
    'In the last month, how often have you felt difficulties were piling up so high that you could not overcome them?',
  ],
  options: [
    { value: 0, label: 'Never' },
    { value: 1, label: 'Almost never' },
    { value: 2, label: 'Sometimes' },
    { value: 3, label: 'Fairly often' },
    { value: 4, label: 'Very often' },
  ],
  reverseItems: [4, 5, 7, 8],
  multiplier: 1,
  range: { min: 0, max: 40 },
  higherIsBetter: false,
  bands: [
    {
      min: 0,
      max: 13,
      label: 'Lower range',
      description: 'Scores from 0 to 13 are in the lower range of perceived stress.',
    },
    {
      min: 14,
      max: 26,
      label: 'Middle range',
      description: 'Scores from 14 to 26 are in the middle range of perceived stress.',
    },
    {
      min: 27,
      max: 40,
      label: 'Higher range',
      description: 'Scores from 27 to 40 are in the higher range of perceived stress.',
    },
  ],
  citation:
    'Cohen S, Kamarck T, Mermelstein R. A global measure of perceived stress. J Health Soc Behav. 1983;24:385–396.',
};

export const PHQ9: QuestionnaireDefinition = {
  id: 'phq9',
  name: 'PHQ-9',
  about: 'How often low mood and related problems have bothered you over the last 2 weeks.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ],
  options: FREQUENCY_4,
  reverseItems: [],
  multiplier: 1,
  range: { min: 0, max: 27 },
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: 'Minimal', description: 'Scores from 0 to 4 are in the minimal range.' },
    { min: 5, max: 9, label: 'Mild', description: 'Scores from 5 to 9 are in the mild range.' },
    {
      min: 10,
      max: 14,
      label: 'Moderate',
      description: 'Scores from 10 to 14 are in the moderate range. It may help to talk to your GP.',
    },
    {
      min: 15,
      max: 19,
      label: 'Moderately severe',
      description: 'Scores from 15 to 19 are in the moderately severe range. Please consider talking to your GP.',
    },
    {
      min: 20,
      max: 27,
      label: 'Severe',
      description: 'Scores from 20 to 27 are in the severe range. Please talk to your GP soon.',
    },
  ],
  safetyItem: 9,
  citation:
    'Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16:606–613.',
};

export const GAD7: QuestionnaireDefinition = {
  id: 'gad7',
  name: 'GAD-7',
  about: 'How often worry and feeling on edge have bothered you over the last 2 weeks.',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ],
  options: FREQUENCY_4,
  reverseItems: [],
  multiplier: 1,
  range: { min: 0, max: 21 },
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: 'Minimal', description: 'Scores from 0 to 4 are in the minimal range.' },
    { min: 5, max: 9, label: 'Mild', description: 'Scores from 5 to 9 are in the mild range.' },
    {
      min: 10,
      max: 14,
      label: 'Moderate',
      description: 'Scores from 10 to 14 are in the moderate range. It may help to talk to your GP.',
    },
    {
      min: 15,
      max: 21,
      label: 'Severe',
      description: 'Scores from 15 to 21 are in the severe range. Please talk to your GP soon.',
    },
  ],
  citation:
    'Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166:1092–1097.',
};

export const WHO5: QuestionnaireDefinition = {
  id: 'who5',
  name: 'WHO-5',
  about: 'How you have been feeling over the last two weeks. Higher scores mean better wellbeing.',
  instructions:
    'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.',
  items: [
    'I have felt cheerful and in good spirits',
    'I have felt calm and relaxed',
    'I have felt active and vigorous',
    'I woke up feeling fresh and rested',
    'My daily life has been filled with things that interest me',
  ],
  options: [
    { value: 5, label: 'All of the time' },
    { value: 4, label: 'Most of the time' },
    { value: 3, label: 'More than half of the time' },
    { value: 2, label: 'Less than half of the time' },
    { value: 1, label: 'Some of the time' },
    { value: 0, label: 'At no time' },
  ],
  reverseItems: [],
  multiplier: 4,
  range: { min: 0, max: 100 },
  higherIsBetter: true,
  bands: [
    {
      min: 0,
      max: 28,
      label: 'Low',
      description: 'Scores from 0 to 28 are low. It may help to talk to your GP about how you have been feeling.',
    },
    {
      min: 29,
      max: 50,
      label: 'Below average',
      description: 'Scores from 29 to 50 are below average. It may help to talk to your GP.',
    },
    {
      min: 51,
      max: 100,
      label: 'Average or above',
      description: 'Scores from 51 to 100 are in the average range or above.',
    },
  ],
  flag: {
    rawTotalBelow: 13,
    anyItemAtMost: 1,
    label: 'Your wellbeing may be low at the moment',
    description:
      'Some of your answers suggest the last two weeks have been hard. The WHO-5 guidance suggests that when this happens, it is worth talking to your GP, who can check with you whether you might be depressed and what could help. This is not a diagnosis, and you can take this check-in again whenever you like.',
  },
  citation:
    'World Health Organization. Wellbeing Measures in Primary Health Care: The DepCare Project. WHO Regional Office for Europe; 1998.',
};

export const QUESTIONNAIRES: Readonly<Record<QuestionnaireId, QuestionnaireDefinition>> = {
  pss10: PSS10,
  phq9: PHQ9,
  gad7: GAD7,
  who5: WHO5,
};
