// Every screen loads what it shows with useApi (web/src/app/useApi.tsx), which aborts the request before it and
// keeps only the latest answer. A GET started from a useEffect, directly or through a function of the same file the
// effect calls, is an ad hoc load that a slower, older answer can overwrite: this fails on it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIRS = ['web/src/app', 'web/src/features'].map((d) => join(ROOT, d));
/** The hook itself. */
const HOOK = 'web/src/app/useApi.tsx';

/**
 * Loads that are not a render-time load, each with why. Keep it short: a new entry needs a reason a reviewer accepts.
 * (None today: session.tsx refreshes through useApi's latestOnly, the session warning's GET is a button.)
 */
const EXCEPTIONS: Record<string, string> = {};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The text with comments and the insides of string literals blanked (same length), so brackets can be matched. */
function code(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const braces: number[] = []; // depth of `{` inside each open template's ${…}
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const stop = text.indexOf('*/', i + 2) + 2 || text.length;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`' || (c === '}' && braces.at(-1) === 0)) {
      // a string, or the rest of a template after its ${…}
      const quote = c === '}' ? '`' : c;
      if (c === '}') braces.pop();
      let j = i + 1;
      while (j < text.length && text[j] !== quote) {
        if (text[j] === '\\') j++;
        else if (quote === '`' && text[j] === '$' && text[j + 1] === '{') break;
        j++;
      }
      blank(i + 1, j);
      if (quote === '`' && text[j] === '$') {
        braces.push(0);
        i = j + 2;
      } else i = j + 1;
    } else {
      if (braces.length && c === '{') braces[braces.length - 1]!++;
      if (braces.length && c === '}') braces[braces.length - 1]!--;
      i++;
    }
  }
  return out.join('');
}

/** From an opening bracket at `at`, the text up to and including its match. */
function bracketed(src: string, at: number): string {
  const open = src[at]!;
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    if (src[i] === open) depth++;
    else if (src[i] === close && --depth === 0) return src.slice(at, i + 1);
  }
  return src.slice(at);
}

const GET = /\bapi\s*\.\s*get\s*(<[^()]*>)?\s*\(/;

/** Each useEffect in the source that starts a GET: directly, or by calling a function of the file that does. */
function adHocLoads(text: string): string[] {
  const src = code(text);
  const loaders = new Set<string>();
  for (const m of src.matchAll(/\b(?:const|let)\s+(\w+)\s*=/g)) {
    const rest = src.slice(m.index + m[0].length);
    let depth = 0;
    let end = rest.length;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i]!;
      if ('({['.includes(c)) depth++;
      else if (')}]'.includes(c)) depth--;
      if (depth < 0 || (depth === 0 && c === ';')) {
        end = i;
        break;
      }
    }
    if (GET.test(rest.slice(0, end))) loaders.add(m[1]!);
  }
  for (const m of src.matchAll(/\bfunction\s+(\w+)\s*(?:<[^>]*>)?\s*\(/g)) {
    const params = bracketed(src, m.index + m[0].length - 1);
    const bodyAt = src.indexOf('{', m.index + m[0].length - 1 + params.length);
    if (bodyAt >= 0 && GET.test(bracketed(src, bodyAt))) loaders.add(m[1]!);
  }
  const found: string[] = [];
  for (const m of src.matchAll(/\buseEffect\s*\(/g)) {
    const effect = bracketed(src, m.index + m[0].length - 1);
    const line = src.slice(0, m.index).split('\n').length;
    if (GET.test(effect)) found.push(`line ${line}: api.get in a useEffect`);
    for (const name of loaders)
      if (new RegExp(`(?<![\\w.])${name}\\s*\\(`).test(effect))
        found.push(`line ${line}: a useEffect calls ${name}(), which calls api.get`);
  }
  return found;
}

describe('web screens load with useApi', () => {
  const files = DIRS.flatMap(filesUnder)
    .map((f) => relative(ROOT, f))
    .filter((f) => f !== HOOK);

  it('no file under web/src/app or web/src/features loads ad hoc in a useEffect', () => {
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.flatMap((f) =>
      f in EXCEPTIONS ? [] : adHocLoads(readFileSync(join(ROOT, f), 'utf8')).map((p) => `${f}: ${p}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every exception still exists, still needs its exception and says why', () => {
    for (const [file, reason] of Object.entries(EXCEPTIONS)) {
      expect(files).toContain(file);
      expect(adHocLoads(readFileSync(join(ROOT, file), 'utf8')).length).toBeGreaterThan(0);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it.each([
    ["useEffect(() => { api.get<X>('a').then(setX); }, []);", 1],
    ["useEffect(() => {\n  api\n    .get<{ on: boolean }>('a')\n    .then(set);\n}, []);", 1],
    [
      "const load = useCallback(async () => setX(await api.get<X>('a')), []);\nuseEffect(() => { void load(); }, [load]);",
      1,
    ],
    ["async function load() { setX(await api.get('a')); }\nuseEffect(() => { load(); }, []);", 1],
    [
      "const load = async () => {\n  const [a, b] = await Promise.all([api.get('a'), api.get('b')]);\n};\nuseEffect(() => void load(), []);",
      1,
    ],
    ["const state = useApi<X>('a');\nuseEffect(() => { if (state.data) setY(state.data.on); }, [state.data]);", 0],
    ["const reload = async () => setX(await api.get('a'));\nreturn <Button onClick={() => void reload()} />;", 0],
    ["useEffect(() => { api.post('a'); }, []);", 0],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test
    ["useEffect(() => { // api.get('a')\n  const s = 'api.get(x)';\n  const t = `api.get(${s})`;\n}, []);", 0],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test
    ['useEffect(() => { const u = `x${a}y`; api.get(u); }, [a]);', 1],
    ['const x = loader.load;\nuseEffect(() => { x(); }, []);', 0],
  ])('the check can fail: %s → %i', (snippet, n) => {
    expect(adHocLoads(snippet)).toHaveLength(n);
  });
});
