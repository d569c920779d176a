// Guidance for the return-to-work planner: the people who can help, and strategies for handling symptoms at work.
// Written for Respite in plain UK English. Strategies link to course modules by id; links to modules that do not
// exist (yet) are dropped when the guide is served, and a unit test keeps every id honest.
import { moduleById } from '../programme/content/outline.js';

export const SUPPORT_ROLES = [
  {
    id: 'gp',
    label: 'GP (your doctor)',
    canHelpWith:
      'Your health and treatment. A GP can write a fit note that suggests a phased return, changed hours or lighter duties, and can refer you to talking therapies.',
  },
  {
    id: 'occupational_health',
    label: 'Occupational health',
    canHelpWith:
      'A health professional who understands work. They can talk with you about what would make your return easier and recommend changes to your employer. What you tell them is confidential unless you agree otherwise.',
  },
  {
    id: 'manager',
    label: 'Line manager',
    canHelpWith:
      'Agreeing your return date, hours and tasks, and any changes that would help. Regular short check-ins make it easier to adjust the plan as you go.',
  },
  {
    id: 'colleague',
    label: 'A colleague you trust',
    canHelpWith:
      'A friendly face on your first day, help catching up on what changed, and someone to have a break with.',
  },
  {
    id: 'union_rep',
    label: 'Union or staff representative',
    canHelpWith: 'Coming with you to meetings, explaining your rights, and checking that what is agreed is fair.',
  },
  {
    id: 'coach',
    label: 'Your Respite coach',
    canHelpWith:
      'Talking through your plan, getting ready for a difficult conversation, and choosing strategies to try. A coach does not replace your GP or other professionals.',
  },
  {
    id: 'hr',
    label: 'HR',
    canHelpWith: 'Your organisation’s policies, for example on phased returns, sick pay and time off for appointments.',
  },
  {
    id: 'family_friend',
    label: 'Family or a friend',
    canHelpWith:
      'Everyday support outside work: someone to talk to at the end of a day, or to help with practical things.',
  },
  { id: 'other', label: 'Someone else', canHelpWith: 'Anyone else who helps you feel steady.' },
] as const;

export type SupportRoleId = (typeof SUPPORT_ROLES)[number]['id'];
export const SUPPORT_ROLE_IDS = SUPPORT_ROLES.map((r) => r.id) as [SupportRoleId, ...SupportRoleId[]];
export const supportRoleLabel = (id: string) => SUPPORT_ROLES.find((r) => r.id === id)?.label ?? 'Someone else';

export interface Strategy {
  id: string;
  title: string;
  /** The moment it helps with, in the person's words. */
  when: string;
  tryThis: string;
  /** Course modules that go deeper (by module id). */
  moduleIds: string[];
}

export const STRATEGIES: readonly Strategy[] = [
  {
    id: 'notice-early-signs',
    title: 'Notice your early signs',
    when: 'When stress creeps up without you noticing until it is big.',
    tryThis:
      'Pick two or three signs that tell you stress is building, like tight shoulders or snapping at people. When you spot one, take it as a cue to pause, not as a failure.',
    moduleIds: ['understanding-stress'],
  },
  {
    id: 'breathing-space',
    title: 'Take a three-minute breathing space',
    when: 'When you feel tense, rushed or on edge at your desk.',
    tryThis:
      'Stop what you are doing. Notice what is going on in your body and mind for a minute. Breathe slowly for a minute. Then widen your attention to the room for a minute before you carry on.',
    moduleIds: ['understanding-stress'],
  },
  {
    id: 'check-the-thought',
    title: 'Check an unhelpful thought',
    when: 'When a thought like “everyone thinks I can’t cope” keeps coming back.',
    tryThis:
      'Write the thought down. Ask: what is the evidence for it, and against it? What would I say to a friend who thought this? Then write a fairer way of putting it.',
    moduleIds: [],
  },
  {
    id: 'small-steps',
    title: 'Break tasks into small steps',
    when: 'When your to-do list feels too big to start.',
    tryThis:
      'Choose one task. Write the very first small step and do only that. Tick it off, then choose the next one.',
    moduleIds: [],
  },
  {
    id: 'planned-breaks',
    title: 'Plan short breaks',
    when: 'When your energy or focus drops during the day.',
    tryThis:
      'Put two or three short breaks in your calendar before the day starts. Step away from the screen, get some air or a drink, and come back on purpose.',
    moduleIds: [],
  },
  {
    id: 'clear-priorities',
    title: 'Ask for clear priorities',
    when: 'When everything seems urgent, or you are not sure what matters most.',
    tryThis:
      'Ask your manager: “What are the two or three things that matter most this week?” Write them down and come back to them when new requests arrive.',
    moduleIds: [],
  },
  {
    id: 'close-the-day',
    title: 'Close the day on purpose',
    when: 'When work follows you home in your head.',
    tryThis:
      'Before you finish, write down where you got to and the first thing to do tomorrow. Then do something small that marks the end of the day, like a short walk or changing clothes.',
    moduleIds: [],
  },
  {
    id: 'tell-someone',
    title: 'Tell one person how you are doing',
    when: 'When you notice you are keeping things to yourself.',
    tryThis:
      'Choose one person from your support network and tell them honestly how this week has gone. You do not need to share everything — just enough that you are not carrying it alone.',
    moduleIds: [],
  },
];

export const STRATEGY_IDS = STRATEGIES.map((s) => s.id) as [string, ...string[]];

/** The guide as served to the planner: module links resolved to titles, unknown modules left out. */
export function guideForPlanner() {
  return {
    roles: SUPPORT_ROLES,
    strategies: STRATEGIES.map((s) => ({
      id: s.id,
      title: s.title,
      when: s.when,
      tryThis: s.tryThis,
      modules: s.moduleIds.flatMap((id) => {
        const m = moduleById(id);
        return m ? [{ id: m.id, title: m.title }] : [];
      }),
    })),
  };
}
