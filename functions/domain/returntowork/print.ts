// The workplace adjustments request as a print-ready page. It carries no Respite branding: the person decides
// whether, when and with whom to share it, and it should not reveal which services they use.
import { escapeHtml, paragraphs, printablePage } from '../mydata/html.js';
import type { PlanDocument } from './schema.js';

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function renderAdjustmentsRequest(doc: PlanDocument, today: Date): string {
  const a = doc.adjustments;
  const { returnDate, schedule } = doc.plan;
  const parts: string[] = [];
  parts.push(`<h1>Request for workplace adjustments</h1>`);
  parts.push(`<p class="muted">Date: ${escapeHtml(longDate(today.toISOString().slice(0, 10)))}</p>`);
  if (a.addressedTo) parts.push(`<p>To: ${escapeHtml(a.addressedTo)}</p>`);
  if (a.yourName) parts.push(`<p>From: ${escapeHtml(a.yourName)}</p>`);

  if (a.situation) parts.push(`<h2>My situation</h2>\n${paragraphs(a.situation)}`);

  parts.push(`<h2>What would help me</h2>`);
  if (a.requests.length === 0) parts.push(`<p class="muted">No adjustments listed yet.</p>`);
  else
    parts.push(
      `<ol>\n${a.requests
        .map((r) => `<li><strong>${escapeHtml(r.what)}</strong>${r.why ? `<br>${escapeHtml(r.why)}` : ''}</li>`)
        .join('\n')}\n</ol>`,
    );

  if (returnDate || schedule.length) {
    parts.push(`<h2>My return</h2>`);
    if (returnDate) parts.push(`<p>I plan to return on ${escapeHtml(longDate(returnDate))}.</p>`);
    if (schedule.length)
      parts.push(
        `<table><caption class="muted">Suggested hours, week by week</caption><thead><tr><th scope="col">Week starting</th><th scope="col">Hours</th><th scope="col">Notes</th></tr></thead><tbody>\n${schedule
          .map(
            (w) =>
              `<tr><td>${escapeHtml(longDate(w.weekStarting))}</td><td>${w.hours}</td><td>${escapeHtml(w.note)}</td></tr>`,
          )
          .join('\n')}\n</tbody></table>`,
      );
  }

  if (a.review) parts.push(`<h2>Reviewing how it is going</h2>\n${paragraphs(a.review)}`);
  parts.push(`<p class="signature">Signed: ______________________________</p>`);
  return printablePage('Request for workplace adjustments', parts.join('\n'));
}
