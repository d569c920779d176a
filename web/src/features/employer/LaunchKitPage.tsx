// HR launch kit: the invite link and its QR code, the poster, the announcement email and intranet text (editable,
// for copying into the organisation's own channels) and the launch checklist.
import { useState } from 'react';
import type { ChecklistEntry, LaunchKit, QrCodes } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Card, Loading, Page, TextArea, TextField, useAnnounceChange } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { CopyButton, longDate, svgDataUrl } from './common';

export default function LaunchKitPage() {
  const kit = useApi<LaunchKit>('employer/launch-kit');
  const qr = useApi<QrCodes>('employer/launch-kit/qr');
  const error = kit.error ?? qr.error;

  return (
    <Page
      title="Launch kit"
      intro="Everything you need to tell staff about Respite. Nothing here tracks who reads it or who joins."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {kit.data ? <Kit kit={kit.data} qr={qr.data} /> : !kit.error && <Loading />}
    </Page>
  );
}

/** The kit once loaded: the email and intranet texts start from it and are edited here only (never saved). */
function Kit({ kit, qr }: { kit: LaunchKit; qr: QrCodes | null }) {
  const [email, setEmail] = useState(kit.announcementEmail);
  const [intranet, setIntranet] = useState(kit.intranet);
  return (
    <>
      <Card title="Invite link and QR code">
        <p>One link for everyone. Put it in emails, on the intranet and on posters.</p>
        <div className="copy-row">
          <code data-testid="kit-invite-url">{kit.inviteUrl}</code>
          <CopyButton text={kit.inviteUrl} label="Copy link" />
        </div>
        {qr ? (
          <>
            <img
              className="qr"
              src={svgDataUrl(qr.svg)}
              alt="QR code that opens the invite link"
              width={192}
              height={192}
            />
            <div className="actions">
              <a className="btn btn--secondary" href={svgDataUrl(qr.svg)} download="respite-invite-qr.svg">
                Download QR code (SVG)
              </a>
              <a className="btn btn--secondary" href={qr.png} download="respite-invite-qr.png">
                Download QR code (PNG)
              </a>
            </div>
          </>
        ) : (
          <Loading label="Making the QR code…" />
        )}
        <p>
          <Link to="/employer/poster">Open the printable A4 poster</Link>
        </p>
      </Card>

      <Card title="Work-time permission">
        <div className="statement">
          <p className="statement__label">Employees see</p>
          <p>{kit.permissionStatement.text}</p>
        </div>
        <p>
          <Link to="/employer/permission">Change the statement</Link>
        </p>
      </Card>

      <Card title="Announcement email">
        <p className="field__hint">
          Edit it as you like, then copy it into your own email to all staff. Respite does not send it.
        </p>
        <TextField
          label="Subject"
          value={email.subject}
          onChange={(e) => setEmail({ ...email, subject: e.target.value })}
        />
        <TextArea
          label="Message"
          rows={14}
          value={email.body}
          onChange={(e) => setEmail({ ...email, body: e.target.value })}
        />
        <div className="actions">
          <CopyButton text={`${email.subject}\n\n${email.body}`} label="Copy email" />
        </div>
      </Card>

      <Card title="Intranet text">
        <TextField
          label="Title"
          value={intranet.title}
          onChange={(e) => setIntranet({ ...intranet, title: e.target.value })}
        />
        <TextArea
          label="Text"
          rows={10}
          value={intranet.body}
          onChange={(e) => setIntranet({ ...intranet, body: e.target.value })}
        />
        <div className="actions">
          <CopyButton text={`${intranet.title}\n\n${intranet.body}`} label="Copy intranet text" />
        </div>
      </Card>

      <Checklist initial={kit.checklist} />
    </>
  );
}

function Checklist({ initial }: { initial: ChecklistEntry[] }) {
  const [items, setItems] = useState(initial);
  const [error, setError] = useState('');
  const done = items.filter((i) => i.done).length;
  const progress = `${done} of ${items.length} done.`;
  useAnnounceChange(progress);

  async function toggle(id: string, value: boolean) {
    setError('');
    const before = items;
    // Tick straight away; the server's answer (with the date) replaces it, or the tick is undone on failure.
    setItems(items.map((i) => (i.id === id ? { ...i, done: value } : i)));
    try {
      setItems(
        (await api.put<{ checklist: ChecklistEntry[] }>(`employer/launch-kit/checklist/${id}`, { done: value }))
          .checklist,
      );
    } catch (err) {
      setItems(before);
      setError((err as ApiError).message);
    }
  }

  return (
    <Card title="Launch checklist">
      <p className="field__hint">{progress} Everyone with HR access sees the same list.</p>
      {error && <Alert kind="error">{error}</Alert>}
      <ul className="checklist">
        {items.map((item) => (
          <li key={item.id}>
            <label>
              <input type="checkbox" checked={item.done} onChange={(e) => void toggle(item.id, e.target.checked)} />
              {item.label}
            </label>
            {item.doneAt && <span className="field__hint">done {longDate(item.doneAt)}</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
