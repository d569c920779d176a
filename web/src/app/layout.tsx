// The frame around every page: skip link, header with navigation for the role, the always-visible
// "Need help now?" link, the quick-hide button, sign out, and the app's live regions. On a phone the navigation is
// a bar at the bottom of the screen with the first few pages and a "More" menu holding the rest.
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { NAV, type NavItem } from '../routes';
import { api } from './api';
import { useDiscreet } from './discreet';
import { Link, useLocation } from './router';
import { useSession } from './session';
import { SessionTimeoutWarning } from './session-timeout';
import { LiveRegions } from './ui';
import { useApi } from './useApi';

/** Below this width the navigation is the bottom bar (matches the media query in styles.css). */
const PHONE_QUERY = '(max-width: 50em)';
/** Pages shown in the phone bar besides "More" (the rest go into the menu); one fewer on the narrowest screens,
 * where four labels such as "Permission" and "Departments" would not fit whole beside "More". */
const PHONE_BAR_ITEMS = 4;
const NARROW_QUERY = '(max-width: 22.5em)';

function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', notify);
      return () => m.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

/**
 * When the focused control disappears (a form replaced by its result, a removed row), focus would fall to <body>.
 * As a safety net under each page's own focus handling, move it to the nearest heading that is still there.
 */
function useFocusRescue() {
  useEffect(() => {
    let last: Element | null = null;
    let ancestors: Element[] = [];
    const onFocus = (e: FocusEvent) => {
      last = e.target as Element;
      ancestors = [];
      for (let el = last.parentElement; el && el.id !== 'main'; el = el.parentElement) ancestors.push(el);
    };
    const main = document.getElementById('main');
    const observer = new MutationObserver(() => {
      if (!last || last.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
      // the nearest part of the page still there that has a heading (a card whose last row was removed)
      const target =
        ancestors
          .filter((a) => a.isConnected)
          .map((a) => a.querySelector<HTMLElement>('h2, h3'))
          .find(Boolean) ?? document.getElementById('page-title');
      last = null;
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    });
    if (main) observer.observe(main, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus);
    };
  }, []);
}

const UNREAD_EVENT = 'respite:unread-changed';
/** A page that changed what is unread (the messages page, once it marked the reply read) tells the navigation. */
export const notifyUnreadChanged = () => window.dispatchEvent(new Event(UNREAD_EVENT));

/**
 * Unread counts of the navigation entries that have one (NavItem.unread), read again on every page change and when
 * a page says they changed. Never polled: a background request would keep an idle session alive.
 */
function useUnread(items: NavItem[], path: string): Map<string, number> {
  const sources = items.filter((n) => n.unread).map((n) => `${n.to}|${n.unread}`);
  const key = sources.join(',');
  // One answer from several sources: a source that fails counts as nothing unread.
  const { data, reload } = useApi<Map<string, number>>(key || null, (k, signal) =>
    Promise.all(
      k.split(',').map(async (s) => {
        const [to, source] = s.split('|') as [string, string];
        const r = await api.get<{ unread: boolean }>(source, signal).catch(() => ({ unread: false }));
        return [to, r.unread ? 1 : 0] as const;
      }),
    ).then((entries) => new Map(entries)),
  );
  // Read again on every page change (path), on purpose, and when a page says they changed.
  const first = useRef(true);
  useEffect(() => {
    if (first.current)
      first.current = false; // the first read is useApi's own
    else void reload();
  }, [path, reload]);
  useEffect(() => {
    const read = () => void reload();
    window.addEventListener(UNREAD_EVENT, read);
    return () => window.removeEventListener(UNREAD_EVENT, read);
  }, [reload]);
  return data ?? NONE_UNREAD;
}

const NONE_UNREAD = new Map<string, number>();

/** An employee's account-wide discreet setting, read once per sign-in (this device remembers it for next time). */
function useAccountDiscreet(role: string | undefined) {
  const { setAccount } = useDiscreet();
  // Offline or signed out: keep what this device last knew.
  const { data } = useApi<{ on: boolean }>(role === 'employee' ? 'reminders/discreet' : null);
  useEffect(() => {
    if (data) setAccount(data.on);
  }, [data, setAccount]);
}

/**
 * "1 unread" beside an entry: visible text; a link carrying one is named "Messages, 1 unread" (its aria-label, which
 * starts with the visible label), the "More" summary reads "More, 1 unread".
 */
function UnreadBadge({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <>
      <span className="visually-hidden">,</span> <span className="nav-unread">{count} unread</span>
    </>
  );
}

/** A label whose words may wrap between them but never inside one (a narrow bar would split "Check-ins"). */
const words = (label: string) => (
  // one span around them all: in the phone bar the link is a flex box, which would drop the spaces between words
  <span>
    {label.split(' ').flatMap((w, i) => [
      i > 0 ? ' ' : '',
      <span key={w} className="nowrap">
        {w}
      </span>,
    ])}
  </span>
);

export function Layout({ children }: { children: ReactNode }) {
  const { me, org, signOut } = useSession();
  const { hide } = useDiscreet();
  useAccountDiscreet(me?.role);
  const { path } = useLocation();
  const phone = useMedia(PHONE_QUERY);
  const barItems = useMedia(NARROW_QUERY) ? PHONE_BAR_ITEMS - 1 : PHONE_BAR_ITEMS;
  useFocusRescue();
  const nav = me ? NAV.filter((n) => n.roles.includes(me.role)).sort((a, b) => a.order - b.order) : [];
  const main = nav.filter((n) => n.group !== 'more');
  const more = nav.filter((n) => n.group === 'more');
  let row: NavItem[];
  let menu: NavItem[];
  if (phone && nav.length > barItems + 1) {
    row = main.slice(0, barItems);
    menu = [...main.slice(barItems), ...more];
  } else if (more.length > 1) {
    row = main;
    menu = more;
  } else {
    // One extra page needs no menu: it stays in the row.
    row = nav;
    menu = [];
  }
  const isCurrent = (n: NavItem) => path === n.to || (n.to !== '/' && path.startsWith(n.to));
  const unread = useUnread(nav, path);
  const menuUnread = menu.reduce((sum, n) => sum + (unread.get(n.to) ?? 0), 0);
  const [menuOpen, setMenuOpen] = useState(false);
  const summary = useRef<HTMLElement>(null);
  useEffect(() => setMenuOpen(false), [path]); // close "More" once a page is chosen
  const onMenuKey = (e: KeyboardEvent<HTMLDetailsElement>) => {
    // the element's own state, not React's: the toggle event that updates menuOpen may not have run yet
    if (e.key === 'Escape' && e.currentTarget.open) {
      e.preventDefault(); // Esc closes the menu, not the screen
      e.currentTarget.open = false;
      setMenuOpen(false);
      summary.current?.focus();
    }
  };
  const link = (n: NavItem) => (
    <li key={n.to}>
      <Link
        to={n.to}
        aria-current={isCurrent(n) ? 'page' : undefined}
        aria-label={unread.get(n.to) ? `${n.label}, ${unread.get(n.to)} unread` : undefined}
      >
        {words(n.label)}
        <UnreadBadge count={unread.get(n.to) ?? 0} />
      </Link>
    </li>
  );
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand" aria-label="Respite home">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Respite</span>
            {org && <span className="brand__org">for {org.orgName}</span>}
          </Link>
          <div className="topbar__actions">
            <Link to="/help" className="help-now">
              Need help now?
            </Link>
            <button type="button" className="btn btn--quiet" onClick={hide} title="Hide this screen (Esc)">
              Hide <span className="visually-hidden">screen (shortcut: Escape)</span>
            </button>
            {me && (
              <button type="button" className="btn btn--quiet" onClick={() => void signOut()}>
                Sign out
              </button>
            )}
          </div>
        </div>
        {nav.length > 1 && (
          <nav className={`mainnav${phone ? ' mainnav--phone' : ''}`} aria-label="Main">
            <ul className="mainnav__row">{row.map(link)}</ul>
            {menu.length > 0 && (
              <details
                className={`mainnav__more${menu.some(isCurrent) ? ' mainnav__more--current' : ''}`}
                open={menuOpen}
                onToggle={(e) => setMenuOpen(e.currentTarget.open)}
                onKeyDown={onMenuKey}
              >
                <summary ref={summary}>
                  More
                  <UnreadBadge count={menuUnread} />
                  {menu.some(isCurrent) && <span className="visually-hidden"> (current page is in this menu)</span>}
                </summary>
                <ul>{menu.map(link)}</ul>
              </details>
            )}
          </nav>
        )}
      </header>
      <SessionTimeoutWarning />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>
          Respite is confidential. <Link to="/privacy-promise">What your employer can and cannot see</Link>.
        </p>
      </footer>
      <LiveRegions />
    </>
  );
}
