// HR writes or picks the work-time permission statement; publishing makes a new version that employees see at
// sign-up, on their home page and in the Monday message. Earlier versions stay visible here.
import { type FormEvent, useEffect, useState } from 'react';
import type { PermissionStatements } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { useSession } from '../../app/session';
import { Alert, Button, Card, Loading, Page, TextArea } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { longDate } from './common';

export default function PermissionPage() {
  const { refresh } = useSession();
  const { data, error: loadError, reload: load } = useApi<PermissionStatements>('employer/permission-statements');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  // Each answer (the first, and the one after publishing) puts the statement now in force in the box.
  const current = data?.current.text;
  useEffect(() => {
    if (current !== undefined) setText(current);
  }, [current]);

  async function publish(e: FormEvent) {
    e.preventDefault();
    if (!data) return;
    setError(null);
    setDone('');
    setBusy(true);
    try {
      const res = await api.post<{ statement: PermissionStatements['history'][number] }>(
        'employer/permission-statements',
        {
          text,
          expectedVersion: data.current.version,
        },
      );
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
      {loadError && <Alert kind="error">{loadError.message}</Alert>}
      {!data ? (
        !loadError && <Loading />
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
