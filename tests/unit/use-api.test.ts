// The web app's one data-loading hook (web/src/app/useApi.tsx) keeps only the latest request's answer: a slower
// earlier answer is dropped and its request aborted. Tested on latestOnly, the part of the hook that decides it.
import { describe, expect, it } from 'vitest';
import { type Loaded, latestOnly } from '../../web/src/app/useApi.js';

/** A fetcher whose answers the test releases by hand, in any order. */
function manualFetcher() {
  const pending = new Map<
    string,
    { resolve: (v: string) => void; reject: (e: unknown) => void; signal: AbortSignal }
  >();
  const fetcher = (path: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => pending.set(path, { resolve, reject, signal }));
  return { fetcher, pending };
}

describe('latestOnly (useApi)', () => {
  it('drops a slower earlier answer: the newer one stays shown', async () => {
    const { fetcher, pending } = manualFetcher();
    const delivered: Loaded<string>[] = [];
    const loader = latestOnly(fetcher, (o) => delivered.push(o));
    const first = loader.load('coaching/sla?period=all');
    const second = loader.load('coaching/sla?period=2026-11');
    expect(pending.get('coaching/sla?period=all')!.signal.aborted).toBe(true);
    expect(pending.get('coaching/sla?period=2026-11')!.signal.aborted).toBe(false);
    pending.get('coaching/sla?period=2026-11')!.resolve('november');
    await second;
    pending.get('coaching/sla?period=all')!.resolve('all time'); // arrives last, e.g. a slow network
    await first;
    expect(delivered).toEqual([{ data: 'november', error: null }]);
  });

  it('drops an earlier failure too (an aborted request rejects)', async () => {
    const { fetcher, pending } = manualFetcher();
    const delivered: Loaded<string>[] = [];
    const loader = latestOnly(fetcher, (o) => delivered.push(o));
    const first = loader.load('a');
    const second = loader.load('b');
    pending.get('a')!.reject(new Error('aborted'));
    await first;
    pending.get('b')!.resolve('b');
    await second;
    expect(delivered).toEqual([{ data: 'b', error: null }]);
  });

  it('delivers the latest failure, and nothing after cancel (leaving the page)', async () => {
    const { fetcher, pending } = manualFetcher();
    const delivered: Loaded<string>[] = [];
    const loader = latestOnly(fetcher, (o) => delivered.push(o));
    const failing = loader.load('x');
    const problem = new Error('Something went wrong');
    pending.get('x')!.reject(problem);
    await failing;
    expect(delivered).toEqual([{ data: null, error: problem }]);
    const late = loader.load('y');
    loader.cancel();
    expect(pending.get('y')!.signal.aborted).toBe(true);
    pending.get('y')!.resolve('too late');
    await late;
    expect(delivered).toHaveLength(1);
  });

  it('a reload of the same path replaces the one in flight', async () => {
    const { fetcher, pending } = manualFetcher();
    const delivered: Loaded<string>[] = [];
    const loader = latestOnly(fetcher, (o) => delivered.push(o));
    const first = loader.load('p');
    const firstCall = pending.get('p')!;
    const second = loader.load('p');
    const secondCall = pending.get('p')!;
    expect(firstCall.signal.aborted).toBe(true);
    secondCall.resolve('fresh');
    firstCall.resolve('stale');
    await Promise.all([first, second]);
    expect(delivered).toEqual([{ data: 'fresh', error: null }]);
  });
});
