// HR writes or picks the work-time permission statement; publishing makes a new version that employees see at
// sign-up, on their home page and in the Monday message. Earlier versions stay visible here.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { useSession } from '../../app/session';
import { Alert, Button, Card, Loading, Page, TextArea } from '../../app/ui';
import { longDate, type Statement } from './common';

interface Template {
  id: string;
  label: string;
  text: string;
}
interface PermissionData {
  current: Statement;
  history: Statement[];
  templates: Template[];
}

export default function PermissionPage() {
  const { refresh } = useSession();
  const [data, setData] = useState<PermissionData | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const d = await api.get<PermissionData>('employer/permission-statements');
      setData(d);
      setText(d.current.text);
    } catch (err) {
      setError(err as ApiError);
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function publish(e: FormEvent) {
    e.preventDefault();
    if (!data) return;
    setError(null);
    setDone('');
    setBusy(true);
    try {
      const res = await api.post<{ statement: Statement }>('employer/permission-statements', {
        text,
        expectedVersion: data.current.version,
      });
      setDone(`Published. Employees now see version ${res.statement.version}.`);
      await Promise.all([load(), refresh()]);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const chosen = data?.templates.find((t) => t.text === text)?.id ?? '';
  const unchanged = data?.current.text === text.trim();

  return (
    <Page
      title="Work-time permission"
      intro="Tell staff plainly that they may use Respite during working hours. People told us this matters more than anything else."
    >
      {!data ? (
        error ? (
          <Alert kind="error">{error.message}</Alert>
        ) : (
          <Loading />
        )
      ) : (
        <>
          <Card title="What employees see now">
            <div className="statement">
              <p>{data.current.text}</p>
            </div>
            <p className="field__hint">
              {data.current.publishedAt
                ? `Version ${data.current.version}, published ${longDate(data.current.publishedAt)}.`
                : 'The default statement. Publish your own below.'}
            </p>
          </Card>

          <Card title="Write a new statement">
            <form onSubmit={publish} noValidate>
              {done && <Alert kind="success">{done}</Alert>}
              {error && !error.fieldError('text') && <Alert kind="error">{error.message}</Alert>}
              <fieldset className="template-choices">
                <legend>Start from a template (optional)</legend>
                {data.templates.map((t) => (
                  <label key={t.id}>
                    <input
                      type="radio"
                      name="template"
                      value={t.id}
                      checked={chosen === t.id}
                      onChange={() => setText(t.text)}
                    />
                    <span>
                      <strong>{t.label}</strong>
                      <br />
                      {t.text}
                    </span>
                  </label>
                ))}
              </fieldset>
              <TextArea
                label="Statement"
                hint="10 to 600 characters. Plain words work best."
                rows={5}
                value={text}
                maxLength={600}
                onChange={(e) => setText(e.target.value)}
                error={error?.fieldError('text')}
              />
              <Button
                type="submit"
                disabled={busy || unchanged || text.trim().length < 10}
                disabledReason={
                  unchanged
                    ? 'Change the statement to publish a new version.'
                    : 'Write at least 10 characters to publish.'
                }
              >
                Publish statement
              </Button>
            </form>
          </Card>

          <Card title="Earlier versions">
            <ol className="history" reversed>
              {data.history.map((s) => (
                <li key={s.version}>
                  <p className="history__meta">
                    Version {s.version}
                    {s.publishedAt ? `, ${longDate(s.publishedAt)}` : ''}
                    {s.version === data.current.version ? ' (current)' : ''}
                  </p>
                  <p>{s.text}</p>
                </li>
              ))}
            </ol>
          </Card>
        </>
      )}
    </Page>
  );
}
