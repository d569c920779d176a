// Built-in emails of the reminders context, rendered at send time. Written for Respite: plain, warm, UK English.
// Discreet versions use neutral subjects, previews and headings (no mental-health words; see BANNED_SUBJECT_STEMS).
// The Monday email lives in monday-email.ts, so code that only needs these texts does not load the Monday content.
import type { EmailContent } from '../../shared/email.js';
import type { TenantConfig } from '../../shared/tenant-config.js';

export interface TemplateContext {
  tenant: TenantConfig;
  appUrl: string;
  discreet: boolean;
  /** Monday message only: the employer's current work-time permission statement. */
  permissionStatement?: string;
}

export const footerFor = (c: TemplateContext, why: string) =>
  c.discreet
    ? `${why} You chose these emails in your settings.`
    : `${why} You chose these emails in Respite, offered by ${c.tenant.name}.`;

/** `next`: the person's next module, named in the body (never in discreet mode, never in the subject or preview). */
/** The next module as a reminder names it (programme/next-module.ts gives one). */
export interface NextModuleLine {
  title: string;
  number: number;
  minutes: number;
}

export function reminderEmail(c: TemplateContext, next?: NextModuleLine | null): EmailContent {
  const named = !c.discreet && next ? `Module ${next.number}: ${next.title}, ${next.minutes} min` : null;
  return {
    subject: c.discreet ? 'Your reminder' : 'Your Respite reminder',
    preheader: c.discreet ? 'The time you set aside is here.' : 'A few minutes for you, at the time you chose.',
    heading: c.discreet ? 'The time you set aside is here' : 'A few minutes for you',
    blocks: [
      { text: 'This is the reminder you asked for. Even five minutes is worth it.' },
      named
        ? { text: `Next for you: ${named}. Or try a short exercise, or just check in with yourself.` }
        : { text: 'Pick up where you left off, try a short exercise, or just check in with yourself.' },
      { button: { label: c.discreet ? 'Open' : 'Open Respite', href: `${c.appUrl}/#/` } },
    ],
    footer: footerFor(c, 'You get this at the days and time you picked.'),
  };
}

/** The practice a practice reminder names (reminders/practice.ts gives one). */
export interface PracticeLine {
  title: string;
  moduleNumber: number;
  moduleTitle: string;
  /** Where the button goes outside discreet mode: the module's "try this week". */
  href: string;
}

/**
 * A practice reminder. Like every reminder, its subject and preview never name anything; the practice is named in
 * the body only outside discreet mode (`practice` is then given), and in discreet mode the button opens the
 * Reminders page, where the practice's name is shown after sign-in.
 */
export function practiceEmail(c: TemplateContext, practice?: PracticeLine | null): EmailContent {
  const named = !c.discreet && practice ? practice : null;
  return {
    subject: c.discreet ? 'Your reminder' : 'Your Respite reminder',
    preheader: c.discreet ? 'The time you set aside is here.' : 'The practice you chose, at the time you chose.',
    heading: c.discreet ? 'The time you set aside is here' : 'Time for your practice',
    blocks: named
      ? [
          { text: `This week's practice: ${named.title} (Module ${named.moduleNumber}: ${named.moduleTitle}).` },
          { text: 'A few minutes is enough. If today is not the day, that is fine too.' },
          { button: { label: 'Open the practice', href: named.href } },
        ]
      : [
          { text: 'This is the reminder you asked for. A few minutes is enough.' },
          { button: { label: 'Open', href: `${c.appUrl}/#/reminders` } },
        ],
    footer: footerFor(c, 'You get this on the days and at the time you picked for this practice.'),
  };
}

/**
 * The same reminder as a push notification (delivery/push.ts): the title is the email's subject and the text names the
 * next module as the email does; in discreet mode neither names the app, the practice or a module.
 */
export function reminderNotification(
  c: Pick<TemplateContext, 'appUrl' | 'discreet'>,
  next?: NextModuleLine | null,
): { title: string; body: string; url: string } {
  const named = !c.discreet && next ? `Module ${next.number}: ${next.title}, ${next.minutes} min` : null;
  return {
    title: c.discreet ? 'Your reminder' : 'Your Respite reminder',
    body: named
      ? `Next for you: ${named}.`
      : c.discreet
        ? 'The time you set aside is here.'
        : 'A few minutes for you, at the time you chose.',
    url: `${c.appUrl}/#/`,
  };
}

/** Default check-in texts (weeks 1, 3 and 6). The coach can replace the message before it goes. */
/** The check-in number of the weekly check-in (the person's choice: a weekly check-in; the others are 1–3). */
export const WEEKLY_CHECKIN = 4;

export const DEFAULT_CHECKIN_TEXTS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Hello. I am one of the coaches at Respite, and I wanted to say hello now that you have had a week to look around. There is no right way to use it. If you have a question, or something on your mind, you can send me a message and I will reply.',
  2: 'Hello again. You are a few weeks in, so I thought I would check how things are going. If something has been useful, keep it up. If something has been hard to fit in, that is normal too. I am here if you want to talk it through.',
  3: 'Hello. It has been about six weeks since you joined, and I wanted to check in once more. Think about one thing that has helped, even a little, and how you could keep it going. My door stays open if you want to send a message.',
  4: 'Hello. This is your weekly check-in from your coach. How has this week been? If something is on your mind, or something helped, send me a message and I will reply. If not, that is fine too.',
};

export function checkinEmail(
  c: TemplateContext,
  text: string,
  coachName: string | undefined,
  weekly = false,
): EmailContent {
  return {
    subject: c.discreet ? 'A message for you' : coachName ? `A message from ${coachName}` : 'A message from your coach',
    preheader: c.discreet ? 'You have a new message.' : 'A short note from your coach.',
    heading: c.discreet ? 'A message for you' : 'A note from your coach',
    blocks: [
      ...text
        .split(/\n{2,}/)
        .map((p) => ({ text: p.trim() }))
        .filter((b) => b.text.length > 0),
      { button: { label: 'Reply or say hello', href: `${c.appUrl}/#/messages` } },
    ],
    footer: footerFor(
      c,
      weekly
        ? 'You asked your coach for a weekly check-in. You can change this on your Messages page.'
        : 'Your coach sends three short check-ins in your first eight weeks.',
    ),
  };
}
