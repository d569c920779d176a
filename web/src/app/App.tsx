// Picks the page for the current hash route and the signed-in role.
import { Suspense, useEffect } from 'react';
import { HOME_CARDS, ROUTES, type AppRoute } from '../routes';
import { Layout } from './layout';
import { matchPath, navigate, useLocation } from './router';
import { useSession } from './session';
import { Loading, Page, PageErrorBoundary, PageLoading } from './ui';

function findRoute(path: string): { route: AppRoute; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

function Home() {
  const { me } = useSession();
  if (!me) return null;
  const cards = HOME_CARDS.filter((c) => c.roles.includes(me.role)).sort((a, b) => a.order - b.order);
  const greeting = me.role === 'employee' ? 'Welcome back' : me.role === 'coach' ? 'Coach console' : me.role === 'manager' ? 'Support your team' : 'Respite for your organisation';
  return (
    <Page title={greeting}>
      <div className="cards">
        {cards.map((c, i) => (
          <c.card key={i} />
        ))}
      </div>
    </Page>
  );
}

export function App() {
  const { me, loading } = useSession();
  const { path, query } = useLocation();
  const found = path === '/' ? undefined : findRoute(path);
  const needsSignIn = !loading && !me && (path === '/' || (found && found.route.roles !== 'public'));

  useEffect(() => {
    if (needsSignIn) navigate('/sign-in', { replace: true });
  }, [needsSignIn]);

  if (loading) return <PageLoading />;

  let content;
  if (path === '/') content = me ? <Home /> : <Loading />;
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
