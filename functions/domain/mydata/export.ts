// "Download my data": everything in the person's partition (one paged Query), grouped by item type, plus their
// sessions. Item types this file does not know yet go into "other" rather than being dropped, so an export stays
// complete when other contexts add new kinds of items.

import type { Db, Item } from '../../shared/db.js';
import { listSessions } from '../../shared/sessions.js';
import * as z from '../../shared/zod.js';
import { keys, type USER_ITEM_KINDS, userItemKind } from '../keys.js';
import { escapeHtml, printablePage } from './html.js';

/** Sections in the order they are shown; an item belongs to the first section holding its kind (keys.ts prefixes). */
export const EXPORT_SECTIONS = [
  { id: 'profile', title: 'Your account', prefixes: ['PROFILE'] },
  {
    id: 'preferences',
    title: 'Your preferences and reminders',
    prefixes: [
      'REMINDERS#PREFS',
      'COUNTRY',
      'REMINDERS#SCHEDULE#',
      'REMINDERS#PRACTICES',
      'REMINDERS#PUSH#',
      'REMINDERS#PUSHCOUNT',
    ],
  },
  { id: 'welcome', title: 'Your goals and first-run choices', prefixes: ['WELCOME'] },
  { id: 'progress', title: 'Your course progress', prefixes: ['MODULE#', 'MODULEDONE#'] },
  { id: 'exercises', title: 'Your exercise answers', prefixes: ['ANSWERS#'] },
  { id: 'parkedThoughts', title: 'Thoughts you parked for later', prefixes: ['PARKED#'] },
  { id: 'diaries', title: 'Your diary entries', prefixes: ['DIARY#'] },
  { id: 'questionnaires', title: 'Your questionnaire answers and scores', prefixes: ['QRESP#', 'QFIRST#'] },
  {
    id: 'coach',
    title: 'Your conversation with your coach',
    prefixes: [
      'COACH#THREAD',
      'COACH#MSG#',
      'COACH#SHARE#',
      'COACH#',
      'COACHNOTE#',
      'COACHNOTES',
      'REMINDERS#CHECKIN#',
    ],
  },
  { id: 'returnToWork', title: 'Your return-to-work plan', prefixes: ['RTW#PLAN', 'RTW#'] },
  { id: 'endorsements', title: 'Team messages you sent', prefixes: ['ENDORSEMENT#'] },
  { id: 'emailsSent', title: 'Emails we sent you (a record that each was sent; no content)', prefixes: ['EMAILSENT#'] },
  {
    id: 'countingMarkers',
    title: 'Markers that stop you being counted twice in the anonymous totals',
    prefixes: ['COUNTED#'],
  },
] as const satisfies readonly {
  id: string;
  title: string;
  prefixes: readonly (typeof USER_ITEM_KINDS)[number]['prefix'][];
}[];

export type SectionId = (typeof EXPORT_SECTIONS)[number]['id'] | 'sessions' | 'other';

/**
 * Attributes that only serve the table (keys, indexes) or are pseudonyms no person can read (the keyed hash of the
 * email address, already shown in the clear as "email"); everything else the person owns is exported as stored.
 */
const INTERNAL_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'emailHash', 'personKey']);

/** One thing we hold: what kind it is, its own id where it has one, then its fields (docs/privacy.md, "Your data"). */
export interface ExportRecord {
  type: string;
  id?: string;
  [field: string]: unknown;
}

export interface DataExport {
  format: 'respite-data-export';
  formatVersion: 2;
  exportedAt: string;
  organisation: string;
  about: string;
  sections: { id: SectionId; title: string; records: ExportRecord[] }[];
}

export const sectionFor = (sk: string): SectionId => {
  const kind = userItemKind(sk);
  return (kind && EXPORT_SECTIONS.find((s) => (s.prefixes as readonly string[]).includes(kind.prefix))?.id) || 'other';
};

const AnyItem = z.record(z.string(), z.unknown());

export async function buildExport(
  db: Db,
  userId: string,
  opts: { organisation: string; now: Date },
): Promise<DataExport> {
  const [items, sessions] = await Promise.all([
    db.query({ pk: keys.userPartition(userId) }, AnyItem),
    listSessions(db, userId),
  ]);
  const grouped = new Map<SectionId, ExportRecord[]>();
  for (const item of items) {
    const sk = String(item.sk);
    const section = sectionFor(sk);
    const list = grouped.get(section) ?? [];
    list.push(toRecord(item));
    grouped.set(section, list);
  }
  const sections: DataExport['sections'] = EXPORT_SECTIONS.filter((s) => grouped.has(s.id)).map((s) => ({
    id: s.id,
    title: s.title,
    records: grouped.get(s.id)!,
  }));
  if (sessions.length)
    sections.push({
      id: 'sessions',
      title: 'Devices where you are signed in',
      records: sessions.map((s) => ({
        type: 'Signed-in device',
        device: s.device,
        signedInAt: s.createdAt,
        lastActiveAt: s.lastSeenAt,
      })),
    });
  if (grouped.has('other'))
    sections.push({ id: 'other', title: 'Other things we hold for you', records: grouped.get('other')! });
  return {
    format: 'respite-data-export',
    formatVersion: 2,
    exportedAt: opts.now.toISOString(),
    organisation: opts.organisation,
    about:
      'Everything Respite holds about you in this organisation’s space. Your employer cannot see any of it. ' +
      'Each record says what it is ("type") and, where it has one, its own id. Times are in UTC (ISO 8601).',
    sections,
  };
}

function toRecord(item: Item): ExportRecord {
  const sk = String(item.sk);
  const kind = userItemKind(sk);
  // An item of a kind this file does not know yet keeps its stored name, so nothing is ever left out.
  const out: ExportRecord = kind ? { type: kind.type, ...(kind.id ? { id: kind.id } : {}) } : { type: 'Other', id: sk };
  for (const [k, v] of Object.entries(item)) if (!INTERNAL_ATTRIBUTES.has(k)) out[k] = v;
  return out;
}

// ---- readable HTML -------------------------------------------------------------------------------------------

/** "weekStarting" → "Week starting". */
export const humanise = (key: string) => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function renderValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<span class="muted">—</span>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">none</span>';
    return `<ul>${value.map((v) => `<li>${renderValue(v)}</li>`).join('')}</ul>`;
  }
  if (typeof value === 'object') return renderFields(value as Record<string, unknown>);
  return escapeHtml(String(value));
}

function renderFields(obj: Record<string, unknown>): string {
  return `<dl>${Object.entries(obj)
    .map(([k, v]) => `<dt>${escapeHtml(humanise(k))}</dt><dd>${renderValue(v)}</dd>`)
    .join('')}</dl>`;
}

export function renderExportHtml(data: DataExport): string {
  const when = new Date(data.exportedAt).toLocaleString('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const body = [
    `<h1>Your data in Respite</h1>`,
    `<p class="muted">${escapeHtml(data.organisation)} · exported ${escapeHtml(when)} (UTC)</p>`,
    `<p>${escapeHtml(data.about)}</p>`,
    `<p class="no-print muted">To keep a copy, print this page or save it as a PDF from your browser’s print menu.</p>`,
    ...(data.sections.length === 0 ? ['<p>We hold nothing else for you.</p>'] : []),
    ...data.sections.map(
      (s) =>
        `<h2>${escapeHtml(s.title)}</h2>\n${s.records
          .map(
            ({ type, id, ...fields }) =>
              `<div class="record"><h3>${escapeHtml(type)}${id ? ` <span class="muted">${escapeHtml(id)}</span>` : ''}</h3>${renderFields(fields)}</div>`,
          )
          .join('\n')}`,
    ),
  ];
  return printablePage('Your data in Respite', body.join('\n'));
}
