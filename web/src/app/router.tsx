// A tiny hash router: "#/path?query". Hash routes keep the app working under any base path and never send the
// route to a server (so nothing about what someone reads ends up in access logs).
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

/**
 * Set when the route changes (not on the first load): the next page to render moves focus to its h1, so a keyboard
 * or screen-reader user lands on the new page's title, however late a lazily loaded page renders.
 */
let focusPending = false;
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (focusPending = true));
export function takePendingFocus(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

function read(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?', 2) as [string, string?];
  return { path: path || '/', query: new URLSearchParams(query) };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return loc;
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const hash = `#${to.startsWith('/') ? to : `/${to}`}`;
  if (opts.replace) window.location.replace(hash);
  else window.location.hash = hash;
}

/** Matches "/diary/:id" against "/diary/42" → { id: "42" }. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/\/:([a-zA-Z]+)/g, (_, n: string) => {
    names.push(n);
    return '/([^/]+)';
  });
  const re = new RegExp(`^${source}/?$`);
  const m = re.exec(path);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      href={`#${to}`}
      {...rest}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        rest.onClick?.(e);
      }}
    />
  );
}
