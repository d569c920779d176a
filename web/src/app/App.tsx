// Picks the page for the current hash route and the signed-in role.
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import type { Welcome } from '../../../functions/contract';
import { type AppRoute, HOME_CARDS, ROUTES } from '../routes';
import { Layout } from './layout';
import { matchPath, navigate, useLocation } from './router';
import { useSession } from './session';
import { Loading, Page, PageErrorBoundary, PageLoading } from './ui';
import { useApi } from './useApi';

function findRoute(path: string): { route: AppRoute; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

const FirstRunCard = lazy(() => import('../features/programme/FirstRun').then((m) => ({ default: m.FirstRunCard })));

function Home() {
  const { me } = useSession();
  const employee = me?.role === 'employee';
  const welcome = useApi<Welcome>(employee ? 'programme/welcome' : null);
  // null while an employee's answer is on its way; an error offers no first run (it is on the menu anyway).
  const firstRun = !employee || welcome.error ? false : welcome.data ? !welcome.data.finished : null;
  if (!me) return null;
  if (firstRun === null) return <Loading />;
  const cards = HOME_CARDS.filter((c) => c.roles.includes(me.role)).sort((a, b) => a.order - b.order);
  // Someone who has just joined is welcomed, not welcomed back.
  const greeting = employee
    ? firstRun
      ? 'Welcome'
      : 'Welcome back'
    : me.role === 'coach'
      ? 'Coach console'
      : me.role === 'operator'
        ? 'Operator console'
        : me.role === 'manager'
          ? 'Support your team'
          : 'Respite for your organisation';
  return (
    <Page title={greeting}>
      <div className="cards">
        {firstRun && <FirstRunCard onSkipped={() => welcome.setData((w) => w && { ...w, finished: true })} />}
        {cards.map((c) => (
          // its place in HOME_CARDS: a card keeps its key whichever cards a role sees
          <c.card key={HOME_CARDS.indexOf(c)} />
        ))}
      </div>
    </Page>
  );
}

export function App() {
  const { me, loading, offline } = useSession();
  const { path, query } = useLocation();
  const found = path === '/' ? undefined : findRoute(path);
  const needsSignIn = !loading && !me && !offline && (path === '/' || (found && found.route.roles !== 'public'));

  useEffect(() => {
    if (needsSignIn) navigate('/sign-in', { replace: true });
  }, [needsSignIn]);

  if (loading) return <PageLoading />;

  let content: ReactNode;
  if (offline && !me && found?.route.roles !== 'public')
    content = (
      <Page title="You are offline">
        <p>
          This page needs a connection. Anything you saved while offline is kept on this device and sent as soon as you
          are back online. This page will carry on by itself when the connection returns.
        </p>
      </Page>
    );
  else if (path === '/') content = me ? <Home /> : <Loading />;
  else if (!found)
    content = (
      <Page title="Page not found">
        <p>There is nothing at this address. Try the home page.</p>
      </Page>
    );
  else if (found.route.roles !== 'public' && (!me || !found.route.roles.includes(me.role)))
    content = me ? (
      <Page title="Not available">
        <p>This page is not part of your role in Respite.</p>
      </Page>
    ) : (
      <Loading />
    );
  else content = <found.route.page params={found.params} query={query} />;

  return (
    <Layout>
      <PageErrorBoundary key={path}>
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </PageErrorBoundary>
    </Layout>
  );
}
