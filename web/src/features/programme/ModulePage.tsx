// The module player: time estimate and goals before starting, then sections of reading, listening and exercises,
// resuming at the section the person left. After a reflective exercise comes the "back to work" step.

import { useEffect, useRef, useState } from 'react';
import type {
  CourseOverview,
  ModuleDetail,
  ModuleProgress as ModuleSummary,
  Section,
} from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { RemindMe } from '../reminders/PracticeReminders';
import { AddToCalendar } from './AddToCalendar';
import { BackToWork } from './BackToWork';
import { ExerciseForm } from './ExerciseForm';
import { ListenPlayer } from './ListenPlayer';
import { Paragraph } from './shared';

const KIND_TEXT = { reading: 'Read', listen: 'Listen', exercise: 'Try it' } as const;

function SectionBody({
  moduleId,
  section,
  detail,
  onAutosave,
}: {
  moduleId: string;
  section: Section;
  detail: ModuleDetail;
  onAutosave: (f: () => Promise<void>) => void;
}) {
  switch (section.kind) {
    case 'reading':
      return (
        <>
          <ListenPlayer
            key={section.id}
            script={section.paragraphs.map((p) => ({
              text: p.replace(/^- /gm, '').replaceAll('**', '').slice(0, 600),
            }))}
            label="Listen to this part"
            compact
          />
          {section.paragraphs.map((p, i) => (
            <Paragraph key={i} text={p} />
          ))}
        </>
      );
    case 'listen':
      return (
        <>
          <p>{section.intro}</p>
          <ListenPlayer key={section.id} script={section.script} />
        </>
      );
    case 'exercise':
      return (
        <>
          <ExerciseForm
            key={section.id}
            moduleId={moduleId}
            section={section}
            saved={detail.answers[section.id]?.answers}
            onAutosave={onAutosave}
          />
          {section.practice && (
            <RemindMe key={`remind-${section.id}`} moduleId={moduleId} practice={section.practice} />
          )}
        </>
      );
  }
}

function Player({ detail, onChange }: { detail: ModuleDetail; onChange: () => void }) {
  const { module } = detail;
  const startIndex = Math.max(
    0,
    module.sections.findIndex((s) => s.id === detail.progress.sectionId),
  );
  const [index, setIndex] = useState(detail.progress.status === 'completed' ? 0 : startIndex);
  const [backToWork, setBackToWork] = useState(false);
  const [finished, setFinished] = useState<ModuleSummary | null>(null);
  const [next, setNext] = useState<CourseOverview['next']>(null);
  const [error, setError] = useState<string | null>(null);
  const flushRef = useRef<(() => Promise<void>) | null>(null);
  const section = module.sections[index]!;
  const last = index === module.sections.length - 1;

  // Focus moves to the title of the part that is now shown (or to "Module done" after "Finish module").
  useEffect(() => {
    document
      .querySelector('.section-nav [aria-current="step"]')
      ?.scrollIntoView?.({ block: 'nearest', inline: 'center' });
    document.getElementById('section-title')?.focus({ preventScroll: false });
  }, [index, backToWork, finished]);

  /** Sends any unsaved answers, then saves the resume point (shown errors never block moving on). */
  async function savePosition(to: number, opts: { done?: boolean } = {}) {
    setError(null);
    try {
      await flushRef.current?.();
      flushRef.current = null;
      await api.put(`programme/modules/${module.id}/position`, {
        sectionId: module.sections[to]!.id,
        ...(opts.done ? { doneSectionId: section.id } : {}),
      });
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  async function go(to: number, opts: { done?: boolean } = {}) {
    await savePosition(to, opts);
    setIndex(to);
  }

  async function nextSection() {
    if (section.kind === 'exercise' && section.reflective && detail.backToWork) {
      await savePosition(index + 1, { done: true });
      setBackToWork(true);
      return;
    }
    await go(index + 1, { done: true });
  }

  async function finish() {
    setError(null);
    try {
      await flushRef.current?.();
      const done = await api.post<ModuleSummary>(`programme/modules/${module.id}/complete`);
      const course = await api.get<CourseOverview>('programme/course');
      setNext(course.next);
      setFinished(done);
      onChange();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  if (finished)
    return (
      <Card className="module-done">
        <h2 className="card__title" id="section-title" tabIndex={-1}>
          Module {module.number} done
        </h2>
        <p>Well done. You have finished "{module.title}". Your progress is saved.</p>
        <div className="actions">
          <Link className="btn btn--primary" to="/course">
            See your progress
          </Link>
          {next && next.moduleId !== module.id && (
            <Link className="btn btn--secondary" to={`/course/${next.moduleId}`}>
              Next: module {next.number}
            </Link>
          )}
        </div>
        {next && next.moduleId !== module.id && <AddToCalendar moduleId={next.moduleId} minutes={next.minutes} />}
      </Card>
    );

  if (backToWork && detail.backToWork)
    return (
      <>
        <span id="section-title" tabIndex={-1} className="visually-hidden">
          Before you go back to work
        </span>
        <BackToWork
          content={detail.backToWork}
          onDone={() => {
            setBackToWork(false);
            setIndex(index + 1);
          }}
        />
      </>
    );

  return (
    <>
      <nav aria-label="Parts of this module" className="section-nav">
        <ol>
          {module.sections.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`section-nav__item ${detail.doneSectionIds.includes(s.id) || i < index ? 'is-done' : ''}`}
                aria-current={i === index ? 'step' : undefined}
                onClick={() => void go(i)}
              >
                <span className="section-nav__n">{i + 1}</span> <span className="section-nav__title">{s.title}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <article className="section">
        <h2 id="section-title" tabIndex={-1}>
          {section.title}
        </h2>
        <p className="section__meta">
          {KIND_TEXT[section.kind]} · about {section.minutes} {section.minutes === 1 ? 'minute' : 'minutes'} · part{' '}
          {index + 1} of {module.sections.length}
        </p>
        <SectionBody
          moduleId={module.id}
          section={section}
          detail={detail}
          onAutosave={(f) => (flushRef.current = f)}
        />
      </article>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="actions player-actions">
        {index > 0 && (
          <Button variant="secondary" onClick={() => void go(index - 1)}>
            Previous
          </Button>
        )}
        {last ? (
          <Button onClick={() => void finish()}>Finish module</Button>
        ) : (
          <Button onClick={() => void nextSection()}>Next</Button>
        )}
      </div>
    </>
  );
}

/** Keyed by module, so moving to another module starts the player afresh. */
export default function ModulePage(props: PageProps) {
  return <ModuleView key={props.params.moduleId} {...props} />;
}

function ModuleView({ params }: PageProps) {
  const state = useApi<ModuleDetail>(`programme/modules/${encodeURIComponent(params.moduleId ?? '')}`);
  const [error, setError] = useState<string | null>(null);
  const title = state.data ? `Module ${state.data.module.number}: ${state.data.module.title}` : 'Module';

  async function start() {
    try {
      await api.post(`programme/modules/${state.data!.module.id}/start`);
      await state.reload();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <Page title={title}>
      <p>
        <Link to="/course">← All modules</Link>
      </p>
      <LoadGate state={state}>
        {(detail) =>
          detail.progress.status === 'not_started' ? (
            <Card>
              <p className="lead">{detail.module.summary}</p>
              <p>
                <strong>Takes about {detail.module.minutes} minutes.</strong> You can stop at any point and carry on
                later from the same place.
              </p>
              <h2>In this module you will</h2>
              <ul>
                {detail.module.goals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
              {error && <Alert kind="error">{error}</Alert>}
              <div className="actions">
                <Button onClick={() => void start()}>Start module</Button>
              </div>
              <AddToCalendar moduleId={detail.module.id} minutes={detail.module.minutes} />
            </Card>
          ) : (
            <Player detail={detail} onChange={() => undefined} />
          )
        }
      </LoadGate>
    </Page>
  );
}
