// Data export grouping and the readable HTML page.
import { describe, expect, it } from 'vitest';
import { DeleteAccountInput } from '../../functions/contract/mydata.js';
import { keys, userItemKind } from '../../functions/domain/keys.js';
import { type DataExport, humanise, renderExportHtml, sectionFor } from '../../functions/domain/mydata/export.js';

describe('export sections', () => {
  it('groups items by the type in their sort key', () => {
    expect(sectionFor('PROFILE')).toBe('profile');
    expect(sectionFor('DIARY#e1')).toBe('diaries');
    expect(sectionFor('QRESP#phq9#r1')).toBe('questionnaires');
    expect(sectionFor('COACH#MSG#m1')).toBe('coach');
    expect(sectionFor('COACH#THREAD')).toBe('coach');
    expect(sectionFor('RTW#PLAN')).toBe('returnToWork');
    expect(sectionFor('REMINDERS#PREFS')).toBe('preferences');
    expect(sectionFor('REMINDERS#CHECKIN#2')).toBe('coach');
    expect(sectionFor('MODULEDONE#understanding-stress')).toBe('progress');
    expect(sectionFor('COUNTED#active#2026-W47')).toBe('countingMarkers');
  });

  it('puts types it does not know into "other" instead of dropping them', () => {
    expect(sectionFor('FUTURE#thing')).toBe('other');
    expect(sectionFor('PROFILEX')).toBe('other');
    expect(sectionFor('DIARY')).toBe('other');
  });

  it('knows the kind of every item a key builder puts in a person\'s partition (nothing falls into "other")', () => {
    const dummy = ['u1', 'x2', 'y3', 'z4'];
    const unknown: string[] = [];
    let userKeys = 0;
    for (const [name, build] of Object.entries(keys)) {
      if (typeof build !== 'function') continue;
      const key = (build as (...a: unknown[]) => unknown)(...dummy) as { pk?: unknown; sk?: unknown };
      if (
        typeof key !== 'object' ||
        key === null ||
        typeof key.pk !== 'string' ||
        !key.pk.startsWith('USER#') ||
        typeof key.sk !== 'string'
      )
        continue;
      userKeys++;
      if (!userItemKind(key.sk) || sectionFor(key.sk) === 'other') unknown.push(`${name} → ${key.sk}`);
    }
    expect(unknown).toEqual([]);
    expect(userKeys).toBeGreaterThan(15);
  });

  it('names each record by its kind and own id, never by its stored key', () => {
    expect(userItemKind('DIARY#e1')).toEqual({ prefix: 'DIARY#', type: 'Diary entry', id: 'e1' });
    expect(userItemKind('REMINDERS#SCHEDULE#monday')).toEqual({
      prefix: 'REMINDERS#SCHEDULE#',
      type: 'Scheduled reminder',
      id: 'monday',
    });
    expect(userItemKind('PROFILE')).toEqual({ prefix: 'PROFILE', type: 'Account' });
    expect(userItemKind('FUTURE#x')).toBeUndefined();
  });

  it('humanises field names', () => {
    expect(humanise('weekStarting')).toBe('Week starting');
    expect(humanise('contract_hours')).toBe('Contract hours');
  });
});

describe('readable export', () => {
  const data: DataExport = {
    format: 'respite-data-export',
    formatVersion: 2,
    exportedAt: '2026-11-23T10:15:00.000Z',
    organisation: 'Northwind <Logistics>',
    about: 'About text.',
    sections: [
      {
        id: 'diaries',
        title: 'Your diary entries',
        records: [
          {
            type: 'Diary entry',
            id: '1',
            situation: '<img src=x onerror=alert(1)>',
            stress: 7,
            tags: ['work', 'sleep'],
            nested: { a: 1 },
          },
        ],
      },
    ],
  };

  it('escapes everything the person wrote and renders nested values', () => {
    const html = renderExportHtml(data);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Northwind &lt;Logistics&gt;');
    expect(html).toContain('<dt>Stress</dt><dd>7</dd>');
    expect(html).toContain('<ul><li>work</li><li>sleep</li></ul>');
    expect(html).toContain('<h2>Your diary entries</h2>');
    expect(html).toContain('23 November 2026');
  });

  it('says so when there is nothing', () => {
    expect(renderExportHtml({ ...data, sections: [] })).toContain('We hold nothing else for you.');
  });
});

describe('delete confirmation', () => {
  it('needs an explicit true', () => {
    expect(DeleteAccountInput.safeParse({ confirm: true }).success).toBe(true);
    for (const bad of [{}, { confirm: 'yes' }, { confirm: false }, { confirm: true, extra: 1 }])
      expect(DeleteAccountInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
