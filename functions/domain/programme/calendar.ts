// "Add to calendar": one iCalendar event (RFC 5545) with a neutral title, lasting the module's time estimate.
// Nothing in it says what the time is for, so it is safe in a shared or work calendar: the title, description,
// product id and UID never name the app (the UID is a bare hash, no "@domain"), and in discreet mode the event
// carries no link back to the app either.
import { createHash } from 'node:crypto';

export const NEUTRAL_SUMMARY = 'Focus time';

/** 20261123T090000Z */
const icsUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Escapes TEXT values (RFC 5545 §3.3.11). */
const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds lines longer than 75 octets (RFC 5545 §3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    parts.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  parts.push(rest);
  return parts.join('\r\n');
}

export interface CalendarEventInput {
  start: Date;
  minutes: number;
  /** A link back into the app (no module name in it, only the neutral home route); absent in discreet mode. */
  url?: string;
  /** Seeds a stable UID, so downloading the same slot twice updates one event instead of adding two. */
  uidSeed: string;
  now: Date;
}

export function focusTimeEvent(input: CalendarEventInput): string {
  const end = new Date(input.start.getTime() + input.minutes * 60_000);
  const uid = createHash('sha256').update(`${input.uidSeed}|${input.start.toISOString()}`).digest('hex').slice(0, 32);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Focus time//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${icsUtc(input.now)}`,
    `DTSTART:${icsUtc(input.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${escapeText(NEUTRAL_SUMMARY)}`,
    `DESCRIPTION:${escapeText(`Time set aside for yourself (${input.minutes} minutes).`)}`,
    ...(input.url ? [`URL:${input.url}`] : []),
    'TRANSP:OPAQUE',
    'CLASS:PRIVATE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
