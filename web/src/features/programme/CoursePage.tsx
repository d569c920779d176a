// The course overview: a progress tracker of checkpoints (done, in progress, to do), resume, and the suggested pace.

import type { CourseOverview, ModuleProgress as ModuleSummary } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Card, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import { AddToCalendar } from './AddToCalendar';

const STATUS_TEXT = { completed: 'Done', in_progress: 'In progress', not_started: 'To do' } as const;

function Checkpoint({ m }: { m: ModuleSummary }) {
  return (
    <li className={`checkpoint checkpoint--${m.status}`}>
      <span className="checkpoint__mark" aria-hidden="true">
        {m.status === 'completed' ? '✓' : m.number}
      </span>
      <div className="checkpoint__body">
        <h3 className="checkpoint__title">
          <Link to={`/course/${m.id}`}>
            Module {m.number}: {m.title}
          </Link>
        </h3>
        <p className="checkpoint__meta">
          <span className={`status status--${m.status}`}>{STATUS_TEXT[m.status]}</span> · about {m.minutes} minutes
          {m.status === 'in_progress' && ` · ${m.doneSections} of ${m.sectionCount} parts done`}
        </p>
        <p className="checkpoint__summary">{m.summary}</p>
      </div>
    </li>
  );
}

export default function CoursePage() {
  const state = useApi<CourseOverview>('programme/course');
  return (
    <Page
      title="Your course"
      intro="Short modules you can do at your own pace. We suggest one a week, but there is no rush."
    >
      <LoadGate state={state}>
        {(course) => {
          const core = course.modules.filter((m) => m.kind === 'core');
          const optional = course.modules.filter((m) => m.kind === 'optional');
          const resume = course.resume && course.modules.find((m) => m.id === course.resume!.moduleId);
          return (
            <>
              <Card className="course-summary">
                <p className="progress-line" data-testid="course-progress">
                  {course.pace.completed} of {course.modules.length} modules done
                </p>
                <progress max={course.modules.length} value={course.pace.completed} aria-label="Modules done">
                  {course.pace.completed} of {course.modules.length}
                </progress>
                {course.pace.week !== null && (
                  <p className="field__hint">
                    You are in week {course.pace.week} of the suggested {course.pace.weeks}. Go faster or slower if that
                    suits you better.
                  </p>
                )}
                <div className="actions">
                  {resume ? (
                    <Link className="btn btn--primary" to={`/course/${resume.id}`}>
                      Carry on with module {resume.number}
                    </Link>
                  ) : (
                    course.next && (
                      <Link className="btn btn--primary" to={`/course/${course.next.moduleId}`}>
                        Start module {course.next.number}
                      </Link>
                    )
                  )}
                </div>
                {course.next && <AddToCalendar moduleId={course.next.moduleId} minutes={course.next.minutes} />}
              </Card>
              <h2>Core modules</h2>
              <ol className="checkpoints">
                {core.map((m) => (
                  <Checkpoint key={m.id} m={m} />
                ))}
              </ol>
              {optional.length > 0 && (
                <>
                  <h2>Optional modules</h2>
                  <ol className="checkpoints">
                    {optional.map((m) => (
                      <Checkpoint key={m.id} m={m} />
                    ))}
                  </ol>
                </>
              )}
              {course.takeaways.length > 0 && (
                <section aria-labelledby="takeaways" data-testid="takeaways">
                  <h2 id="takeaways">What I'll take from this</h2>
                  <p>What you wrote at the end of each module. Only you can see it.</p>
                  <ul className="takeaways">
                    {course.takeaways.map((t) => (
                      <li key={t.moduleId} className="card">
                        <h3 className="card__title">
                          Module {t.number}: {t.title}
                        </h3>
                        <p className="takeaways__text">{t.text}</p>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          );
        }}
      </LoadGate>
    </Page>
  );
}
