// Coach console: reply templates — the built-in starting points and the coaches' own.
import { type FormEvent, useState } from 'react';
import type { Templates } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { CharsLeft, MAX_CHARS, newClientId } from './common';

export default function TemplatesPage() {
  const { data, error: loadError, reload: load } = useApi<Templates>('coaching/templates');
  const templates = data?.templates ?? null;
  const [error, setError] = useState('');

  async function remove(id: string) {
    setError('');
    try {
      await api.delete(`coaching/templates/${encodeURIComponent(id)}`);
      await load();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <Page
      title="Reply templates"
      intro="Starting points for common replies. You can change the text in the reply box before sending."
    >
      {loadError && <Alert kind="error">{loadError.message}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!templates && !loadError && <Loading />}
      {templates && (
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.templateId}>
              <h2 className="card__title">{t.title}</h2>
              <p>{t.text}</p>
              {t.builtIn ? (
                <p className="field__hint">Built in</p>
              ) : (
                <Button variant="secondary" onClick={() => void remove(t.templateId)}>
                  Delete <span className="visually-hidden">{t.title}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <NewTemplate onSaved={load} />
    </Page>
  );
}

function NewTemplate({ onSaved }: { onSaved: () => Promise<void> }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post('coaching/templates', { id: clientId, title, text });
      setTitle('');
      setText('');
      setClientId(newClientId());
      await onSaved();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Card title="Add a template">
      <form onSubmit={submit} noValidate>
        {error && !error.fieldError('title') && !error.fieldError('text') && (
          <Alert kind="error">{error.message}</Alert>
        )}
        <TextField
          label="Title"
          value={title}
          maxLength={80}
          onChange={(e) => setTitle(e.target.value)}
          error={error?.fieldError('title')}
        />
        <TextArea
          label="Text"
          value={text}
          rows={5}
          onChange={(e) => setText(e.target.value)}
          error={error?.fieldError('text')}
        />
        <CharsLeft length={text.length} id="template-chars" />
        <Button
          type="submit"
          disabled={!title.trim() || !text.trim() || text.length > MAX_CHARS}
          disabledReason={
            !title.trim() || !text.trim()
              ? 'Give the template a title and some text to save it.'
              : 'Shorten the text to save it.'
          }
        >
          Save template
        </Button>
      </form>
    </Card>
  );
}
