// The one data-loading hook: every screen that shows something from the API loads it with useApi(path). Each load
// aborts the one before it (a new path, a reload, leaving the page), and an answer is used only if its request is
// still the latest, so a slow earlier answer can never overwrite a newer one.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiError, api } from './api';
import { Alert, Loading } from './ui';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
}

/**
 * Latest-request-wins loading, without React (so it is tested on its own): `load` aborts the request before it and
 * delivers its own outcome only while it is still the latest; `cancel` aborts whatever is in flight.
 */
export function latestOnly<T>(
  fetcher: (path: string, signal: AbortSignal) => Promise<T>,
  deliver: (outcome: Loaded<T>) => void,
) {
  let current: AbortController | null = null;
  return {
    load: async (path: string): Promise<void> => {
      current?.abort();
      const mine = new AbortController();
      current = mine;
      try {
        const data = await fetcher(path, mine.signal);
        if (current === mine) deliver({ data, error: null });
      } catch (err) {
        if (current === mine) deliver({ data: null, error: err as ApiError });
      }
    },
    cancel: () => {
      current?.abort();
      current = null;
    },
  };
}

/**
 * Loads `path` (null: nothing yet), again on `reload`; `setData` shows a saved answer without a round trip.
 * `fetch` replaces the one GET only where one answer takes several requests (`path` is then the key that names them).
 */
export function useApi<T>(path: string | null, fetch?: (path: string, signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Loaded<T> & { path: string | null }>({ data: null, error: null, path });
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const loader = useMemo(
    () =>
      latestOnly<T>(
        (p, signal) => (fetchRef.current ? fetchRef.current(p, signal) : api.get<T>(p, signal)),
        (outcome) => setState((s) => ({ ...s, ...outcome, data: outcome.error ? s.data : outcome.data })),
      ),
    [],
  );
  useEffect(() => {
    // A new path shows nothing of the old one while it loads.
    setState((s) => (s.path === path ? s : { data: null, error: null, path }));
    if (path) void loader.load(path);
    return () => loader.cancel();
  }, [path, loader]);
  const reload = useCallback(async () => {
    if (path) await loader.load(path);
  }, [path, loader]);
  const setData = useCallback((next: T | null | ((d: T | null) => T | null)) => {
    setState((s) => ({ ...s, data: typeof next === 'function' ? (next as (d: T | null) => T | null)(s.data) : next }));
  }, []);
  const data = state.path === path ? state.data : null;
  const error = state.path === path ? state.error : null;
  return { data, error, reload, setData };
}

/** Shows loading, an error or the content. `placeholder` is a class that keeps the content's height while loading. */
export function LoadGate<T>({
  state,
  children,
  placeholder,
}: {
  state: Loaded<T>;
  children: (data: T) => ReactNode;
  placeholder?: string;
}) {
  if (state.error) return <Alert kind="error">{state.error.message}</Alert>;
  if (!state.data)
    return placeholder ? (
      <div className={placeholder}>
        <Loading />
      </div>
    ) : (
      <Loading />
    );
  return <>{children(state.data)}</>;
}
