// The line manager's endorsement composer: pick or write a message, paste the team's addresses, preview, send.
// The manager only ever sees how many messages were sent. The addresses are not kept (see the note on the page).
import { type FormEvent, useState } from 'react';
import type { EndorsementPreview, Endorsements } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { longDate, ProblemList } from './common';

const newBatchId = () => crypto.randomUUID();

export default function EndorsePage() {
  const { data, error, reload } = useApi<Endorsements>('employer/endorsements');
  return (
    <Page
      title="Message your team"
      intro="Let your team know it's OK to take time for Respite during work hours. It helps people feel allowed to use it."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {data ? <Composer data={data} reload={reload} /> : !error && <Loading />}
    </Page>
  );
}

/** The form starts from the first answer; a reload after sending refreshes only the counts. */
function Composer({ data, reload }: { data: Endorsements; reload: () => Promise<void> }) {
  const [subject, setSubject] = useState(data.defaultSubject);
  const [message, setMessage] = useState(data.templates[0]?.text ?? '');
  const [addresses, setAddresses] = useState('');
  const [batchId, setBatchId] = useState(newBatchId);
  const [preview, setPreview] = useState<EndorsementPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const draft = { subject, message, addresses };
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPreview(null);
  };

  async function showPreview(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone('');
    setBusy(true);
    try {
      setPreview(await api.post<EndorsementPreview>('employer/endorsements/preview', draft));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    setError(null);
    setBusy(true);
    try {
      const res = await api.post<{ sent: number }>('employer/endorsements', { ...draft, batchId });
      setAddresses('');
      setPreview(null);
      setBatchId(newBatchId());
      // Refresh the count first, so "N messages sent." never shows beside the old total.
      await reload();
      setDone(`${res.sent === 1 ? '1 message' : `${res.sent} messages`} sent.`);
    } catch (err) {
      const apiErr = err as ApiError;
      if (apiErr.code === 'batch_already_sent') setBatchId(newBatchId());
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  const chosen = data?.templates.find((t) => t.text === message)?.id ?? '';

  return (
    <>
      {done && <Alert kind="success">{done}</Alert>}
      <Card title="Your message">
        <form onSubmit={showPreview} noValidate>
          <fieldset className="template-choices">
            <legend>Start from a template (optional)</legend>
            {data.templates.map((t) => (
              <label key={t.id}>
                <input
                  type="radio"
                  name="template"
                  value={t.id}
                  checked={chosen === t.id}
                  onChange={() => edit(setMessage)(t.text)}
                />
                <span>{t.label}</span>
              </label>
            ))}
          </fieldset>
          <TextField
            label="Subject"
            value={subject}
            maxLength={120}
            onChange={(e) => edit(setSubject)(e.target.value)}
            error={error?.fieldError('subject')}
          />
          <TextArea
            label="Message"
            hint="Add your name at the end so your team knows it is from you."
            rows={9}
            value={message}
            maxLength={2000}
            onChange={(e) => edit(setMessage)(e.target.value)}
            error={error?.fieldError('message')}
          />
          <TextArea
            label="Team email addresses"
            hint={`One per line, or separated by commas. Up to ${data.maxAddresses} addresses.`}
            rows={6}
            value={addresses}
            onChange={(e) => edit(setAddresses)(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <Alert kind="info">
            <p>{data.retention}</p>
            <p>You will only see how many messages you sent — never who opened one or joined.</p>
          </Alert>
          {error &&
            (error.fieldError('addresses') ? (
              <ProblemList error={error} field="body.addresses" />
            ) : (
              !error.fieldError('subject') &&
              !error.fieldError('message') && <Alert kind="error">{error.message}</Alert>
            ))}
          <Button type="submit" disabled={busy}>
            Preview
          </Button>
        </form>
      </Card>

      {preview && (
        <Card title="Preview">
          <p>
            This will go to <strong>{preview.recipients === 1 ? '1 person' : `${preview.recipients} people`}</strong>
            {preview.duplicatesMerged > 0
              ? ` (${preview.duplicatesMerged} repeated ${preview.duplicatesMerged === 1 ? 'address was' : 'addresses were'} left out)`
              : ''}
            .
          </p>
          <div className="email-preview">
            <p className="email-preview__meta">
              From: {preview.senderName}
              <br />
              Subject: {preview.content.subject}
            </p>
            <h3>{preview.content.heading}</h3>
            {preview.content.blocks.map((b, i) =>
              b.button ? (
                <p key={i}>
                  <span className="email-preview__button">{b.button.label}</span>
                </p>
              ) : (
                <p key={i} className="pre-wrap">
                  {b.text}
                </p>
              ),
            )}
            <p className="email-preview__footer">
              {preview.content.footer} Each email has a one-click unsubscribe link.
            </p>
          </div>
          <div className="actions">
            <Button onClick={() => void send()} disabled={busy}>
              Send to {preview.recipients === 1 ? '1 person' : `${preview.recipients} people`}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)}>
              Keep editing
            </Button>
          </div>
        </Card>
      )}

      <Card title="Sent so far">
        <p className="big-number" data-testid="messages-sent">
          {data.messagesSent.toLocaleString('en-GB')}
        </p>
        <p>{data.messagesSent === 1 ? 'message sent' : 'messages sent'}</p>
        {data.sends.length > 0 && (
          <ul>
            {data.sends.slice(0, 10).map((s) => (
              <li key={s.sentAt}>
                {longDate(s.sentAt)}: {s.count === 1 ? '1 message' : `${s.count} messages`}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
