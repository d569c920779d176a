// A tiny self-contained HTML page (no script) for links opened from an email without signing in: unsubscribe,
// "keep my account". The link opens the page; its button posts the one click.
import { escapeHtml } from './email.js';
import type { TextReply } from './http.js';
import type { Runtime } from './runtime.js';
import { cspAllowingStyle } from './security-headers.js';

const STYLE =
  'body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f1ea;color:#1d2624;margin:0}main{max-width:32rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:10px;line-height:1.55}h1{font-size:1.5rem;color:#1f3a36}button{font-size:1rem;padding:.75rem 1.25rem;border-radius:6px;border:0;background:#2f6f62;color:#fff;cursor:pointer}button:focus{outline:3px solid #1d2624;outline-offset:2px}a{color:#1f5c50}';
/** The API's CSP with only the page's own stylesheet allowed (by hash): no scripts, no framing, forms to itself only; the wrapper adds the other security headers. */
const PAGE_CSP = cspAllowingStyle(STYLE);

/** A tiny self-contained page (no script): the link in an email opens it, and its button posts the one click. */
export function page(rt: Runtime, status: number, title: string, body: string): TextReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="${escapeHtml(rt.config.appUrl)}/">Go to the app</a></p></main></body></html>`;
  return {
    status,
    text: html,
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': PAGE_CSP },
  };
}
