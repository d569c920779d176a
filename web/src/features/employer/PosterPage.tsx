// The printable A4 poster: print it (or save as PDF) from here, or download it as a file that prints on its own.
import { useRef } from 'react';
import type { LaunchKit, QrCodes } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, Button, Loading, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { svgDataUrl } from './common';
// The stylesheet is linked (the CSP allows no inline styles); its text is also inlined into the downloaded file.
import './poster.css';
import posterCss from './poster.css?inline';

export default function PosterPage() {
  const kitState = useApi<LaunchKit>('employer/launch-kit');
  const qrState = useApi<QrCodes>('employer/launch-kit/qr');
  const kit = kitState.data;
  const qr = qrState.data;
  const error = kitState.error ?? qrState.error;
  const posterRef = useRef<HTMLElement>(null);
  const { org } = useSession();
  const help = (org?.crisisResources ?? [])
    .slice(0, 3)
    .map((r) => `${r.name}: ${r.contact}`)
    .join(' · ');

  function download() {
    if (!posterRef.current || !kit) return;
    const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Respite poster – ${escapeHtml(kit.orgName)}</title><style>body{margin:0}${posterCss}</style></head><body>${posterRef.current.outerHTML}</body></html>`;
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'respite-poster.html';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <Page title="Poster">
      <div className="no-print">
        <p className="lead">An A4 poster for staff rooms and notice boards. The QR code opens your invite link.</p>
        {error && <Alert kind="error">{error.message}</Alert>}
        <div className="actions">
          <Button onClick={() => window.print()} disabled={!kit || !qr} disabledReason="The poster is still loading.">
            Print or save as PDF
          </Button>
          <Button
            variant="secondary"
            onClick={download}
            disabled={!kit || !qr}
            disabledReason="The poster is still loading."
          >
            Download poster
          </Button>
          <Link to="/employer/launch-kit">Back to the launch kit</Link>
        </div>
      </div>
      {!kit || !qr ? (
        <Loading />
      ) : (
        <article className="poster" ref={posterRef} aria-label="Poster preview">
          <p className="poster__brand">Respite · {kit.orgName}</p>
          <h2 className="poster__heading">{kit.poster.heading}</h2>
          <p className="poster__body">{kit.poster.body}</p>
          <ul className="poster__points">
            {kit.poster.points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="poster__statement">{kit.poster.permissionStatement}</p>
          <div className="poster__join">
            <img className="poster__qr" src={svgDataUrl(qr.svg)} alt="QR code that opens the invite link" />
            <div>
              <p className="poster__cta">{kit.poster.cta}</p>
              <p className="poster__url">{qr.inviteUrl}</p>
            </div>
          </div>
          {help && <p className="poster__small">If you need help now — {help}</p>}
        </article>
      )}
    </Page>
  );
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
