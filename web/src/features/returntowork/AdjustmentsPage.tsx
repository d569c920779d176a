// Draft a workplace adjustments request, preview the print-ready page and print or download it.
// Nothing is sent to anyone: the person hands it over themselves, if and when they choose.
import { api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import '../mydata/mydata.css';
import type { PlanDocument } from '../../../../functions/contract';
import { SaveBar } from './SaveBar';
import { formatLimit, usePlan } from './usePlan';

const IDEAS = [
  'Shorter hours at first, building up',
  'A later start or earlier finish for a while',
  'A short check-in with my manager each week',
  'Written notes of tasks and deadlines',
  'A quieter place to work',
  'Working from home on some days',
  'Time off for appointments',
  'Regular short breaks',
];

export default function AdjustmentsPage() {
  const { guide, doc, loadError, save, dirty, update, saveNow, reload, fieldError } = usePlan();

  if (loadError)
    return (
      <Page title="Workplace adjustments request">
        <Alert kind="error">{loadError.message}</Alert>
      </Page>
    );
  if (!guide || !doc) return <Loading />;
  const L = guide.limits;
  const a = doc.adjustments;
  const setA = (next: Partial<PlanDocument['adjustments']>) =>
    update((d) => ({ ...d, adjustments: { ...d.adjustments, ...next } }));
  const setRequest = (i: number, next: Partial<(typeof a.requests)[number]>) =>
    setA({ requests: a.requests.map((r, j) => (j === i ? { ...r, ...next } : r)) });
  const printUrl = api.url('return-to-work/adjustments.html');

  return (
    <Page
      title="Workplace adjustments request"
      intro="Adjustments are changes at work that help you do your job while you recover — like different hours, tasks or where you work. Write down what would help, then print it or save it to share when you are ready."
    >
      <p>
        <Link to="/return-to-work">← Back to your return-to-work plan</Link>
      </p>
      <Alert kind="info">
        Nothing here is sent to anyone. You choose whether to share it, and with whom. The printout does not mention
        Respite.
      </Alert>

      <Card title="Your request">
        <TextField
          label="Your name"
          hint={`As you want it on the page. Up to ${L.name} characters.`}
          value={a.yourName}
          onChange={(e) => setA({ yourName: e.target.value })}
          error={fieldError('adjustments.yourName')}
        />
        <TextField
          label="Who it is for"
          hint="For example: my line manager, or occupational health."
          value={a.addressedTo}
          onChange={(e) => setA({ addressedTo: e.target.value })}
          error={fieldError('adjustments.addressedTo')}
        />
        <TextArea
          label="Your situation (share only what you are comfortable with)"
          hint={`You do not have to name a diagnosis. Up to ${formatLimit(L.longText)} characters.`}
          rows={5}
          value={a.situation}
          onChange={(e) => setA({ situation: e.target.value })}
          error={fieldError('adjustments.situation')}
        />

        <h3>What would help</h3>
        <p className="field__hint">
          Ideas other people have asked for — tap one to add it, then change the words to fit you:
        </p>
        <ul className="rtw-ideas">
          {IDEAS.map((idea) => (
            <li key={idea}>
              <Button
                variant="secondary"
                disabled={a.requests.length >= L.adjustments || a.requests.some((r) => r.what === idea)}
                disabledReason={
                  a.requests.some((r) => r.what === idea)
                    ? 'Already in your requests.'
                    : `You have the most requests a plan can hold (${L.adjustments}).`
                }
                onClick={() => setA({ requests: [...a.requests, { what: idea, why: '' }] })}
              >
                + {idea}
              </Button>
            </li>
          ))}
        </ul>
        <ol className="rtw-rows">
          {a.requests.map((r, i) => (
            <li className="rtw-row" key={i}>
              <div className="rtw-row__head">
                <h3>Request {i + 1}</h3>
                <Button
                  variant="secondary"
                  onClick={() => setA({ requests: a.requests.filter((_, j) => j !== i) })}
                  aria-label={`Remove request ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              <TextField
                label="What would help"
                value={r.what}
                onChange={(e) => setRequest(i, { what: e.target.value })}
                error={fieldError(`adjustments.requests.${i}.what`)}
              />
              <TextArea
                rows={2}
                label="Why it would help (optional)"
                hint={`Up to ${formatLimit(L.note)} characters.`}
                value={r.why}
                onChange={(e) => setRequest(i, { why: e.target.value })}
                error={fieldError(`adjustments.requests.${i}.why`)}
              />
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          disabled={a.requests.length >= L.adjustments}
          disabledReason={`You have the most requests a plan can hold (${L.adjustments}).`}
          onClick={() => setA({ requests: [...a.requests, { what: '', why: '' }] })}
        >
          Add your own
        </Button>

        <TextArea
          label="How you would like to review it"
          hint={`For example: a short chat every Friday for the first month. Up to ${formatLimit(L.note)} characters.`}
          rows={2}
          value={a.review}
          onChange={(e) => setA({ review: e.target.value })}
          error={fieldError('adjustments.review')}
        />
        <p className="field__hint">Your return date and weekly hours from your plan are added to the page too.</p>
      </Card>

      <SaveBar save={save} dirty={dirty} onSave={saveNow} onReload={reload} label="Save my request" />

      <Card title="Preview, print or download">
        {dirty && <Alert kind="warning">Save your changes so the printout and the download include them.</Alert>}
        <Preview doc={doc} />
        <div className="actions">
          <a className="btn btn--primary" href={printUrl} target="_blank" rel="noopener">
            Open the print view (opens in a new tab)
          </a>
          <a
            className="btn btn--secondary"
            href={`${printUrl}?download=1`}
            download="workplace-adjustments-request.html"
          >
            Download as a file
          </a>
        </div>
        <p className="field__hint">
          In the print view, use your browser’s Print menu. Choose “Save as PDF” to keep a PDF copy.
        </p>
      </Card>
    </Page>
  );
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** The same content as the print view (functions/domain/returntowork/print.ts), shown on the page. */
function Preview({ doc }: { doc: PlanDocument }) {
  const a = doc.adjustments;
  const { returnDate, schedule } = doc.plan;
  return (
    <section className="rtw-preview" aria-label="Preview of your request">
      <p className="rtw-preview__title">Request for workplace adjustments</p>
      {a.addressedTo && <p>To: {a.addressedTo}</p>}
      {a.yourName && <p>From: {a.yourName}</p>}
      {a.situation && (
        <>
          <p className="rtw-preview__heading">My situation</p>
          <p className="rtw-preview__text">{a.situation}</p>
        </>
      )}
      <p className="rtw-preview__heading">What would help me</p>
      {a.requests.length === 0 ? (
        <p>No adjustments listed yet.</p>
      ) : (
        <ol>
          {a.requests.map((r, i) => (
            <li key={i}>
              <strong>{r.what}</strong>
              {r.why && <span className="rtw-preview__text">{`\n${r.why}`}</span>}
            </li>
          ))}
        </ol>
      )}
      {(returnDate || schedule.length > 0) && <p className="rtw-preview__heading">My return</p>}
      {returnDate && <p>I plan to return on {longDate(returnDate)}.</p>}
      {schedule.length > 0 && (
        <ul>
          {schedule.map((w, i) => (
            <li key={i}>
              Week starting {w.weekStarting ? longDate(w.weekStarting) : '—'}: {w.hours} hours
              {w.note ? ` (${w.note})` : ''}
            </li>
          ))}
        </ul>
      )}
      {a.review && (
        <>
          <p className="rtw-preview__heading">Reviewing how it is going</p>
          <p className="rtw-preview__text">{a.review}</p>
        </>
      )}
    </section>
  );
}
