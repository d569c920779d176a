// The frame around every page: skip link, header with navigation for the role, the always-visible
// "Need help now?" link, the quick-hide button, and sign out.
import { useEffect, useRef, type ReactNode } from 'react';
import { NAV, type NavItem } from '../routes';
import { useDiscreet } from './discreet';
import { Link, useLocation } from './router';
import { useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const { me, org, signOut } = useSession();
  const { hide } = useDiscreet();
  const { path } = useLocation();
  const nav = me ? NAV.filter((n) => n.roles.includes(me.role)).sort((a, b) => a.order - b.order) : [];
  const more = nav.filter((n) => n.group === 'more');
  // One extra page needs no menu: it stays in the row.
  const row = more.length > 1 ? nav.filter((n) => n.group !== 'more') : nav;
  const menu = more.length > 1 ? more : [];
  const isCurrent = (n: NavItem) => path === n.to || (n.to !== '/' && path.startsWith(n.to));
  const moreMenu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (moreMenu.current) moreMenu.current.open = false; // close "More" once a page is chosen
  }, [path]);
  const link = (n: NavItem) => (
    <li key={n.to}>
      <Link to={n.to} aria-current={isCurrent(n) ? 'page' : undefined}>
        {n.label}
      </Link>
    </li>
  );
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
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
          <nav className="mainnav" aria-label="Main">
            <ul className="mainnav__row">{row.map(link)}</ul>
            {menu.length > 0 && (
              <details className={`mainnav__more${menu.some(isCurrent) ? ' mainnav__more--current' : ''}`} ref={moreMenu}>
                <summary>More</summary>
                <ul>{menu.map(link)}</ul>
              </details>
            )}
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>
          Respite is confidential. <Link to="/privacy-promise">What your employer can and cannot see</Link>.
        </p>
      </footer>
    </>
  );
}
