// The Monday email: this week's Monday message from the course content, rendered at send time. Only the sender
// imports it, so the Monday content is bundled where Monday emails are sent and nowhere else.
import type { EmailContent } from '../../shared/email.js';
import { footerFor, type TemplateContext } from '../email/templates.js';
import { mondayMessageForWeek } from '../programme/content/monday-messages.js';

export function mondayEmail(c: TemplateContext, week: number): EmailContent {
  const m = mondayMessageForWeek(week);
  return {
    // Monday subjects and previews are written to be discreet already (the content tests check every one).
    subject: m.subject,
    preheader: m.preview,
    heading: c.discreet ? 'A note for your week' : m.subject,
    blocks: [
      { text: m.note },
      { text: `Something to try: ${m.tip.title}. ${m.tip.text}` },
      { button: { label: 'Pick up where you left off', href: `${c.appUrl}/#/` } },
      ...(c.permissionStatement ? [{ text: `From ${c.tenant.name}: ${c.permissionStatement}` }] : []),
    ],
    footer: footerFor(c, 'You get this note on Monday mornings because you turned it on.'),
  };
}
