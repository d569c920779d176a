// The library: short resources to dip into any time, filtered by what suits the moment (time, privacy, sound,
// writing), with a one-tap "at my desk in 5 minutes" filter.

import { useState } from 'react';
import type { LibraryEntry as LibraryItem } from '../../../../functions/contract';
import { Link, navigate } from '../../app/router';
import { Card, Page, useAnnounceChange } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { ListenPlayer } from './ListenPlayer';
import { Paragraph, plain } from './shared';

interface Filters {
  desk5: boolean;
  maxMinutes: number | null;
  noWriting: boolean;
  noAudio: boolean;
  notPrivate: boolean;
}

export const deskInFive = (i: LibraryItem) => i.tags.atDesk && !i.tags.needsPrivacy && i.minutes <= 5;

function matches(i: LibraryItem, f: Filters) {
  if (f.desk5 && !deskInFive(i)) return false;
  if (f.maxMinutes !== null && i.minutes > f.maxMinutes) return false;
  if (f.noWriting && i.tags.involvesWriting) return false;
  if (f.noAudio && i.tags.usesAudio) return false;
  if (f.notPrivate && i.tags.needsPrivacy) return false;
  return true;
}

function Tags({ item }: { item: LibraryItem }) {
  const tags = [
    `${item.minutes} min`,
    item.tags.atDesk ? 'At your desk' : null,
    item.tags.needsPrivacy ? 'Needs a private space' : null,
    item.tags.usesAudio ? 'Can listen' : null,
    item.tags.involvesWriting ? 'Involves writing' : null,
  ].filter(Boolean);
  return (
    <ul className="tags" aria-label="About this">
      {tags.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

/** How many resources the filters leave; its changes are announced as the filters change. */
function LibraryCount({ shown, total }: { shown: number; total: number }) {
  const text = shown === total ? `All ${total} resources` : `${shown} of ${total} resources match`;
  useAnnounceChange(text);
  return <p data-testid="library-count">{text}</p>;
}

export function LibraryPage({ query }: PageProps) {
  const state = useApi<{ items: LibraryItem[] }>('programme/library');
  const [f, setF] = useState<Filters>({
    desk5: query.get('filter') === 'desk5',
    maxMinutes: null,
    noWriting: false,
    noAudio: false,
    notPrivate: false,
  });
  const toggle = (k: keyof Filters) => setF({ ...f, [k]: !f[k] });
  return (
    <Page title="Library" intro="Short things to try whenever you need them. Pick what suits you right now.">
      <fieldset className="filters">
        <legend>Show me</legend>
        <label className="choice choice--strong">
          <input type="checkbox" checked={f.desk5} onChange={() => toggle('desk5')} />
          <span>What can I do at my desk in 5 minutes?</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={f.notPrivate} onChange={() => toggle('notPrivate')} />
          <span>Doesn't need a private space</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={f.noAudio} onChange={() => toggle('noAudio')} />
          <span>No sound</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={f.noWriting} onChange={() => toggle('noWriting')} />
          <span>No writing</span>
        </label>
        <div className="field field--inline">
          <label htmlFor="lib-minutes">Time I have</label>
          <select
            id="lib-minutes"
            value={f.maxMinutes ?? ''}
            onChange={(e) => setF({ ...f, maxMinutes: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Any</option>
            <option value="2">Up to 2 minutes</option>
            <option value="5">Up to 5 minutes</option>
            <option value="10">Up to 10 minutes</option>
          </select>
        </div>
      </fieldset>
      <LoadGate state={state}>
        {({ items }) => {
          const shown = items.filter((i) => matches(i, f));
          return (
            <>
              <LibraryCount shown={shown.length} total={items.length} />
              <ul className="library-list">
                {shown.map((i) => (
                  <li key={i.id} className="card">
                    <h2 className="card__title">
                      <Link to={`/library/${i.id}`}>{i.title}</Link>
                    </h2>
                    <p>{i.summary}</p>
                    <Tags item={i} />
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadGate>
    </Page>
  );
}

export function LibraryItemPage({ params }: PageProps) {
  const state = useApi<{ items: LibraryItem[] }>('programme/library');
  const item = state.data?.items.find((i) => i.id === params.itemId);
  return (
    <Page title={item?.title ?? 'Library'}>
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <LoadGate state={state}>
        {() =>
          !item ? (
            <p>This resource is not in the library any more.</p>
          ) : (
            <Card>
              <p className="lead">{item.summary}</p>
              <Tags item={item} />
              {item.listen ? (
                <section aria-labelledby="guided-practice">
                  <h2 id="guided-practice">Listen: {item.listen.title}</h2>
                  <p>
                    {item.listen.intro} About {item.listen.minutes} minutes.
                  </p>
                  <ListenPlayer script={item.listen.script} />
                </section>
              ) : (
                item.tags.usesAudio && (
                  <ListenPlayer
                    script={item.body.map((b) => ({
                      text: plain(b).slice(0, 200),
                      pauseAfterSeconds: item.format === 'steps' ? 3 : 0,
                    }))}
                  />
                )
              )}
              {item.format === 'steps' ? (
                <ol className="steps">
                  {item.body.map((b, i) => (
                    <li key={i}>
                      <Paragraph text={b} />
                    </li>
                  ))}
                </ol>
              ) : (
                item.body.map((b, i) => <Paragraph key={i} text={b} />)
              )}
              <div className="actions">
                <button type="button" className="btn btn--secondary" onClick={() => navigate('/library')}>
                  Done
                </button>
                {item.relatedModuleId && <Link to={`/course/${item.relatedModuleId}`}>Related course module</Link>}
              </div>
            </Card>
          )
        }
      </LoadGate>
    </Page>
  );
}
