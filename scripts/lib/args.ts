// The one argument parser of the operator scripts (sign-out-everyone, redrive, restore-drill, tenant-offboard, …):
// positional arguments, `--local [url]` (the local stack instead of AWS, optionally at another address),
// `--table <name>` (another table than the tenant's own), any `--<flag> <value>` a script declares, and `--<switch>`s.
// A tenant slug is checked with the same schema as tenants/<slug>.json. A mistake is a UsageError: the script prints
// the message and its usage and exits 2; any other failure exits 1.
import { tableNameFor } from '../../functions/shared/table-design.js';
import { TenantSlug } from '../../functions/shared/tenant-config.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ScriptArgs {
  positionals: string[];
  /** --local was given. */
  local: boolean;
  /** The URL given after --local, if any (else each script's own local default). */
  localUrl?: string;
  /** --table <name>. */
  table?: string;
  /** Every declared `--<flag> <value>`. */
  values: Record<string, string>;
  /** Every declared `--<switch>` given. */
  switches: Set<string>;
}

/** Parses argv (without node and the script). `values` take a value; `switches` do not; anything else is refused. */
export function parseScriptArgs(argv: string[], spec: { values?: string[]; switches?: string[] } = {}): ScriptArgs {
  const out: ScriptArgs = { positionals: [], local: false, values: {}, switches: new Set() };
  const valueFlags = new Set(['table', ...(spec.values ?? [])]);
  const switches = new Set(spec.switches ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (name === 'local') {
      out.local = true;
      if (/^https?:\/\//.test(argv[i + 1] ?? '')) out.localUrl = argv[++i];
    } else if (valueFlags.has(name)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      if (name === 'table') out.table = value;
      else out.values[name] = value;
      i++;
    } else if (switches.has(name)) out.switches.add(name);
    else throw new UsageError(`Unknown option ${arg}.`);
  }
  return out;
}

/** A tenant slug, checked like tenants/<slug>.json's `slug`. */
export function tenantSlug(value: string | undefined): string {
  if (value === undefined) throw new UsageError('Name the tenant (its slug).');
  const parsed = TenantSlug.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`"${value}" is not a tenant slug: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

/** The tenant's table: --table, else `respite-<slug>` in AWS or `respite-local-<slug>` (the local stack's) with --local. */
export function tenantTable(args: ScriptArgs, slug: string): string {
  return args.table ?? tableNameFor(args.local ? 'respite-local-' : 'respite-', slug);
}

/** DynamoDB Local's endpoint for --local: the URL given, else localhost on DDB_PORT (8000). */
export function localDynamoEndpoint(args: ScriptArgs): string {
  return args.localUrl ?? `http://localhost:${process.env.DDB_PORT ?? 8000}`;
}

/** The local stack's URL for --local: the URL given, else localhost on PORT (3000). */
export function localStackUrl(args: ScriptArgs): string {
  return (args.localUrl ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

/** True when this module is the script node was started with (so importing a script for a test runs nothing). */
export const isMain = (moduleUrl: string) => moduleUrl === `file://${process.argv[1]}`;

/** Runs a script's main: prints what it returns; a UsageError prints the usage and exits 2, anything else exits 1. */
export function runScript(usage: string, main: (argv: string[]) => Promise<string>): void {
  main(process.argv.slice(2)).then(
    (message) => console.log(message),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      if (err instanceof UsageError) console.error(`Usage: ${usage}`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
