// Ready-made wording for the employer console, written for Respite: permission statements, line managers'
// endorsement messages, the announcement email and intranet text, and the launch checklist.
// Plain, warm UK English. Placeholders in {braces} are filled in by fillTemplate().

export interface Template {
  id: string;
  label: string;
  text: string;
}

export const PERMISSION_TEMPLATES: Template[] = [
  {
    id: 'thirty-minutes',
    label: '30 minutes a week, no need to ask',
    text: "You may use Respite for up to 30 minutes a week during working hours. You don't need to ask or record it.",
  },
  {
    id: 'one-hour',
    label: 'One hour a week, book it in your calendar',
    text: 'You may use Respite for up to one hour a week in work time. Book it in your calendar as "personal time" if that helps. You don\'t need to tell anyone what it is for.',
  },
  {
    id: 'flexible',
    label: 'Flexible, in quiet moments',
    text: "You are welcome to use Respite during working hours, in a quiet moment that suits you and your work. You don't need permission and nobody will check.",
  },
  {
    id: 'return-to-work',
    label: 'Including while returning to work',
    text: "You may use Respite in work time, up to 30 minutes a week. If you are returning to work after time off, you may use it for up to an hour a week for your first two months back. You don't need to ask or record it.",
  },
];

export const ENDORSEMENT_TEMPLATES: Template[] = [
  {
    id: 'ok-in-work-time',
    label: "It's OK to use it in work time",
    text: "Hello everyone,\n\n{orgName} now offers Respite, a private online programme for stress and low mood. I want you to know it's OK to take time for this during work hours.\n\n{permissionStatement}\n\nI will never know who uses it, and I won't ask. It's there for you if you want it.",
  },
  {
    id: 'busy-time',
    label: 'A busy time for the team',
    text: "Hi all,\n\nWe have had a busy few weeks. If you'd like some support, {orgName} offers Respite, a confidential programme you can use on your computer or phone.\n\n{permissionStatement}\n\nNobody at work can see whether you join or what you do in it — including me.",
  },
  {
    id: 'short-note',
    label: 'A short note',
    text: "Quick note: Respite is free for all of us at {orgName}. It's private, and it's fine to use it during work hours. {permissionStatement}",
  },
];

export const ANNOUNCEMENT_EMAIL_TEMPLATE = {
  subject: 'Respite: free, private support for everyone at {orgName}',
  body: "Dear colleagues,\n\nFrom today everyone at {orgName} can use Respite, a confidential online programme for work stress, worry and low mood. It includes a short course you can do in bite-sized steps, diaries, self-check questionnaires and messages with a trained coach.\n\nTime for this at work: {permissionStatement}\n\nIt is private. {orgName} only ever sees anonymous totals for the whole organisation, never who has joined or what anyone does. You can join with a personal email address if you prefer.\n\nJoin here: {inviteUrl}\n\nIf you are struggling right now, please don't wait: call NHS 111 (option 2) or Samaritans on 116 123, free, day or night.\n\nBest wishes,\n{senderName}",
};

export const INTRANET_TEMPLATE = {
  title: 'Respite: private support for stress and low mood',
  body: 'Respite is a free, confidential programme for everyone at {orgName}. Use it on your computer or phone to learn ways to handle stress, keep private diaries and, if you want, talk to a coach.\n\n{permissionStatement}\n\n{orgName} never sees who joins or what you do — only anonymous totals. You can sign up with a personal email address.\n\nJoin: {inviteUrl}',
};

export const POSTER_TEXT = {
  heading: 'Feeling stretched? Take some time for you.',
  body: 'Respite is a free, private programme for stress and low mood, for everyone at {orgName}.',
  points: [
    'Short, practical steps you can do in a few minutes',
    'Use it on your phone or computer',
    'Nobody at work can see whether you join',
  ],
  cta: 'Scan the code with your phone camera to join, or visit:',
};

export const LAUNCH_CHECKLIST: { id: string; label: string }[] = [
  { id: 'departments', label: 'Add your departments and their headcounts' },
  { id: 'permission', label: 'Publish your work-time permission statement' },
  { id: 'managers', label: 'Invite your line managers' },
  { id: 'announce', label: 'Send the announcement email to all staff' },
  { id: 'intranet', label: 'Put the intranet text and invite link on your intranet' },
  { id: 'posters', label: 'Print posters for staff rooms and notice boards' },
  { id: 'follow-up', label: 'Plan a reminder to everyone in four weeks' },
];
export const CHECKLIST_IDS = LAUNCH_CHECKLIST.map((c) => c.id) as [string, ...string[]];

/** Replaces {name} placeholders; unknown names are left as they are so nothing is silently lost. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
