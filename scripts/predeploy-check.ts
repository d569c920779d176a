// `npm run predeploy-check -- [assembly] [--quota name=value,…]`: the limits check to run on the cloud assembly that
// is about to be deployed (default cdk.out; the release runbook's cdk.out.release), before `cdk deploy`.
// Per stack it repeats what every synth checks (template size, resources, outputs, parameters, each function's 4 KB
// environment); across the assembly it adds the account quotas every tenant draws on together (IAM roles, stacks,
// rules on the default event bus, tables, SES configuration sets). See infra/checks/limits.ts. Warnings (over 80 %)
// are printed; errors make it exit 1. --quota gives the account's real quotas (Service Quotas), e.g.
// --quota iamRoles=5000,defaultBusRules=2000.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountLimitFindings,
  type LimitFinding,
  parseQuotas,
  type Quotas,
  stackLimitFindings,
} from '../infra/checks/limits.js';
import { names } from '../infra/settings.js';
import { isMain, parseScriptArgs, runScript, UsageError } from './lib/args.js';

export const USAGE = 'npm run predeploy-check -- [cloud assembly, default cdk.out] [--quota name=value,…]';

/** Reads every stack template of a cloud assembly: stack name → template text. */
export function readAssembly(dir: string): Record<string, string> {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new UsageError(`${dir} is not a cloud assembly (no manifest.json). Run: npx cdk synth -o ${dir} $CDK_CTX`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const out: Record<string, string> = {};
  for (const [name, a] of Object.entries(manifest.artifacts ?? {}))
    if (a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
      out[name] = readFileSync(join(dir, a.properties.templateFile), 'utf8');
  if (Object.keys(out).length === 0) throw new UsageError(`${dir} holds no stacks.`);
  return out;
}

export function predeployFindings(dir: string, quotas: Quotas): LimitFinding[] {
  const templates = readAssembly(dir);
  return [
    ...Object.entries(templates).flatMap(([stack, text]) =>
      stackLimitFindings(stack, text, stack.startsWith(names.tenantStack('')), quotas),
    ),
    ...accountLimitFindings(templates, quotas),
  ];
}

export function report(dir: string, findings: LimitFinding[]): { ok: boolean; text: string } {
  const errors = findings.filter((f) => f.level === 'error');
  const lines = findings.map((f) => `${f.level === 'error' ? 'ERROR' : 'warning'} ${f.stack}: ${f.message}`);
  const stacks = Object.keys(readAssembly(dir)).length;
  lines.push(
    errors.length
      ? `${errors.length} limit(s) exceeded in ${dir}: do not deploy.`
      : `${stacks} stack(s) in ${dir} are within the limits checked${findings.length ? ` (${findings.length} warning(s))` : ''}.`,
  );
  return { ok: errors.length === 0, text: lines.join('\n') };
}

if (isMain(import.meta.url)) {
  runScript(USAGE, async (argv) => {
    const args = parseScriptArgs(argv, { values: ['quota'] });
    if (args.positionals.length > 1) throw new UsageError('Name at most one cloud assembly directory.');
    const dir = args.positionals[0] ?? 'cdk.out';
    const quotas = (() => {
      try {
        return parseQuotas(args.values.quota);
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
    })();
    const { ok, text } = report(dir, predeployFindings(dir, quotas));
    if (!ok) throw new Error(text);
    return text;
  });
}
