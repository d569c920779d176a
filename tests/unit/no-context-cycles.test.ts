// Domain contexts (functions/domain/<context>/) may depend on each other only one way: the import graph between
// contexts has no cycle. So each context can be read, tested and changed knowing what it stands on, and a newcomer
// can tell from the imports which is the lower layer (email below enrolment below reminders, delivery on top).
// keys.ts and access-patterns.md sit beside the contexts and are shared by all of them.
import { describe, expect, it } from 'vitest';
import { functionSources } from '../support/function-sources.js';

/** context → the contexts it imports from, with one example import for the message. */
function contextGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const { path, text } of functionSources()) {
    const m = /^domain\/([^/]+)\//.exec(path);
    if (!m) continue;
    const from = m[1]!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const imp of text.matchAll(/from '\.\.\/([a-z-]+)\/[^']+'/g)) {
      const to = imp[1]!;
      if (to !== from && !edges.has(to)) edges.set(to, `${path} imports ${imp[0].slice(5)}`);
    }
  }
  return graph;
}

/** Every cycle found by a depth-first search, as the list of contexts on it. */
function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('domain contexts', () => {
  it('import each other without a cycle', () => {
    const graph = contextGraph();
    expect(graph.size).toBeGreaterThanOrEqual(8);
    const described = cyclesOf(graph).map(
      (c) => `${c.join(' → ')} (${graph.get(c[c.length - 2]!)!.get(c[c.length - 1]!)})`,
    );
    expect(described).toEqual([]);
  });

  it('the check can fail: a graph with a cycle is reported', () => {
    const g = new Map([
      ['a', new Map([['b', 'x']])],
      ['b', new Map([['a', 'y']])],
    ]);
    expect(cyclesOf(g)).toEqual([['a', 'b', 'a']]);
  });
});
