// The frame around every page: skip link, header with navigation for the role, the always-visible
// "Need help now?" link, the quick-hide button, and sign out.
import type { ReactNode } from 'react';
import { NAV } from '../routes';
import { useDiscreet } from './discreet';
import { Link, useLocation } from './router';
import { useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const { me, org, signOut } = useSession();
  const { hide } = useDiscreet();
  const { path } = useLocation();
  const nav = me ? NAV.filter((n) => n.roles.includes(me.role)).sort((a, b) => a.order - b.order) : [];
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
            <ul>
              {nav.map((n) => (
                <li key={n.to}>
                  <Link to={n.to} aria-current={path === n.to || (n.to !== '/' && path.startsWith(n.to)) ? 'page' : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
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
