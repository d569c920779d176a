// Self-monitoring check-ins (PSS-10, PHQ-9, GAD-7, WHO-5): the list with history charts, and one form with its
// result. When PHQ-9 item 9 is above 0, crisis resources come first, before any score, every time.

import { useEffect, useState } from 'react';
import type {
  QuestionnaireDefinition,
  QuestionnaireResult,
  Questionnaires,
  SubmittedQuestionnaire,
} from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, focusWhenReady, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { HistoryChart } from './HistoryChart';
import { CrisisResources, clientId, formatDate } from './shared';

type Definition = QuestionnaireDefinition;
type ResponseView = QuestionnaireResult;
type SubmitResult = SubmittedQuestionnaire;

const NOT_A_DIAGNOSIS =
  'These check-ins help you notice changes over time. They are not a diagnosis. Only you can see your answers and scores.';

export function QuestionnairesPage() {
  const state = useApi<Questionnaires>('programme/questionnaires');
  return (
    <Page
      title="Check-ins"
      intro="Short questionnaires to keep track of how you are. Take one whenever you like; every few weeks works well."
    >
      <p>{NOT_A_DIAGNOSIS}</p>
      <LoadGate state={state}>
        {(q) => (
          <div className="cards">
            {q.definitions.map((d) => {
              const history = q.history[d.id] ?? [];
              const latest = history.at(-1);
              return (
                <Card key={d.id} title={d.name}>
                  <p>{d.about}</p>
                  {latest ? (
                    <p>
                      Last score: <strong>{latest.score}</strong> out of {d.range.max} ({latest.band.label}),{' '}
                      {formatDate(latest.submittedAt)}.
                    </p>
                  ) : (
                    <p className="field__hint">Not done yet. It has {d.items.length} questions.</p>
                  )}
                  <HistoryChart name={d.name} points={history} range={d.range} bands={d.bands} />
                  <Link className="btn btn--secondary" to={`/check-ins/${d.id}`}>
                    {latest ? `Do the ${d.name} again` : `Start the ${d.name}`}
                  </Link>
                </Card>
              );
            })}
          </div>
        )}
      </LoadGate>
    </Page>
  );
}

function Result({ def, result, history }: { def: Definition; result: SubmitResult; history: ResponseView[] }) {
  // Without a safety concern, focus moves to the score (the crisis panel takes focus itself when shown).
  useEffect(() => {
    if (!result.safety.show) document.getElementById('result-title')?.focus();
  }, [result]);
  return (
    <>
      {result.safety.show && (
        <CrisisResources resources={result.safety.crisisResources} takeFocus>
          <p>
            You said you have had thoughts that you would be better off dead or of hurting yourself. Thank you for being
            honest. You deserve support with this.
          </p>
        </CrisisResources>
      )}
      <Card className="result">
        <h2 className="card__title" id="result-title" tabIndex={-1}>
          Your {def.name} score
        </h2>
        <p className="score" data-testid="score">
          <strong>{result.response.score}</strong> out of {def.range.max}
        </p>
        <p>
          <strong>{result.response.band.label}.</strong> {result.response.band.description}
        </p>
        {result.response.flag && (
          <div className="flag" data-testid="score-flag">
            <h3>{result.response.flag.label}</h3>
            <p>{result.response.flag.description}</p>
          </div>
        )}
        <p className="field__hint">
          {def.higherIsBetter ? 'Higher scores mean better wellbeing.' : 'Lower scores mean fewer difficulties.'}{' '}
          {NOT_A_DIAGNOSIS}
        </p>
        <HistoryChart name={def.name} points={history} range={def.range} bands={def.bands} />
        <div className="actions">
          <Link className="btn btn--primary" to="/check-ins">
            Back to check-ins
          </Link>
        </div>
      </Card>
    </>
  );
}

/** Keyed by questionnaire, so moving from one check-in to another starts a fresh form (and a fresh response id). */
export function QuestionnaireFormPage(props: PageProps) {
  return <QuestionnaireForm key={props.params.questionnaireId} {...props} />;
}

function QuestionnaireForm({ params }: PageProps) {
  const state = useApi<Questionnaires>('programme/questionnaires');
  const def = state.data?.definitions.find((d) => d.id === params.questionnaireId);
  const [answers, setAnswers] = useState<(number | null)[]>([]);
  const [responseId] = useState(() => clientId('resp'));
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!def) return;
    setBusy(true);
    try {
      const full = def.items.map((_, i) => answers[i] ?? null);
      const r = await api.post<SubmitResult>(`programme/questionnaires/${def.id}/responses`, {
        responseId,
        answers: full,
      });
      await state.reload();
      setResult(r);
      setError(null);
    } catch (err) {
      const e = err as ApiError;
      setError(e);
      // Focus the first question still to answer (its error is part of its description), or the message.
      const first = e.fields.map((f) => /^body\.answers\.(\d+)$/.exec(f.field)?.[1]).find((n) => n !== undefined);
      setTimeout(
        () =>
          first !== undefined
            ? document.querySelector<HTMLElement>(`input[name="q${first}"]`)?.focus()
            : focusWhenReady('checkin-error'),
        0,
      );
    }
    setBusy(false);
  }

  const missing = (i: number) => error?.fields.find((f) => f.field === `body.answers.${i}`)?.message;

  return (
    <Page title={def ? def.name : 'Check-in'}>
      <p>
        <Link to="/check-ins">← All check-ins</Link>
      </p>
      <LoadGate state={state}>
        {(q) =>
          !def ? (
            <Alert kind="error">There is no check-in with this name.</Alert>
          ) : result ? (
            <Result def={def} result={result} history={q.history[def.id] ?? []} />
          ) : (
            <form
              className="questionnaire"
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
              noValidate
            >
              <p className="lead">{def.instructions}</p>
              <p className="field__hint">{NOT_A_DIAGNOSIS}</p>
              {error && (
                <Alert kind="error" id="checkin-error">
                  {error.fields.length > 0
                    ? `Please answer every question to see your score (${error.fields.length} still to answer).`
                    : error.message}
                </Alert>
              )}
              {def.items.map((item, i) => (
                <fieldset
                  key={i}
                  className={`question ${missing(i) ? 'question--error' : ''}`}
                  aria-describedby={missing(i) ? `q${i}-error` : undefined}
                >
                  <legend>
                    <span className="question__n">{i + 1}.</span> {item}
                  </legend>
                  {missing(i) && (
                    <p className="field__error" id={`q${i}-error`}>
                      Please choose an answer.
                    </p>
                  )}
                  <div className="options">
                    {def.options.map((o) => (
                      <label key={o.value} className="choice">
                        <input
                          type="radio"
                          name={`q${i}`}
                          value={o.value}
                          checked={answers[i] === o.value}
                          aria-invalid={missing(i) ? true : undefined}
                          aria-describedby={missing(i) ? `q${i}-error` : undefined}
                          onChange={() => {
                            const next = [...answers];
                            next[i] = o.value;
                            setAnswers(next);
                          }}
                        />
                        <span>{o.label}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
              <div className="actions">
                <Button type="submit" disabled={busy}>
                  See my score
                </Button>
              </div>
            </form>
          )
        }
      </LoadGate>
    </Page>
  );
}
