// Synth-time tenant isolation check, run as a CDK validation plugin on every synth (and asserted in tests/infra).
// For every IAM policy in a tenant's template:
//   - data and email actions (dynamodb, sqs, ses, kms, secretsmanager, s3, sns) never use a "*" resource;
//   - every resource is this template's own resource (Ref/GetAtt), or a literal ARN that names this tenant or the
//     platform's SES identity — never an import from another stack (Fn::ImportValue) and never another tenant's name.
import { readFileSync } from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';

const DATA_ACTION = /^(dynamodb|sqs|ses|kms|secretsmanager|s3|sns):/i;

export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface IsolationFinding {
  logicalId: string;
  message: string;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

/** Renders a CloudFormation value to a readable string: own refs as <Ref:Id>, imports as <Import:...>. */
export function renderCfn(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(renderCfn).join(',');
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (fn === 'Ref') return `<Ref:${String(arg)}>`;
    if (fn === 'Fn::GetAtt') return `<GetAtt:${Array.isArray(arg) ? arg.join('.') : String(arg)}>`;
    if (fn === 'Fn::Join' && Array.isArray(arg)) return (arg[1] as unknown[]).map(renderCfn).join(String(arg[0]));
    if (fn === 'Fn::ImportValue') return `<Import:${renderCfn(arg)}>`;
    if (fn === 'Fn::Sub') return Array.isArray(arg) ? renderCfn(arg[0]) : String(arg);
    return `<${fn}:${JSON.stringify(arg)}>`;
  }
  return String(value);
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function policyDocuments(resource: { Type: string; Properties?: Record<string, unknown> }): { Statement?: Statement[] }[] {
  const p = resource.Properties ?? {};
  if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') return [p.PolicyDocument as { Statement?: Statement[] }];
  if (resource.Type === 'AWS::IAM::Role')
    return asList(p.Policies as { PolicyDocument: { Statement?: Statement[] } }[] | undefined).map((x) => x.PolicyDocument);
  return [];
}

/** True when `text` names tenant `slug` as a resource-name segment: respite-<slug>[-:/…] or respite/<slug>/. */
function namesTenant(text: string, slug: string): boolean {
  return new RegExp(`respite[-/]${slug}(?=$|[-:/])`).test(text);
}

export function findIsolationViolations(template: CfnTemplate, slug: string, otherSlugs: string[]): IsolationFinding[] {
  const findings: IsolationFinding[] = [];
  const own = new Set(Object.keys(template.Resources ?? {}));
  // Another tenant whose slug extends ours (acme vs acme-eu) cannot be told apart by name alone; refs still are.
  const others = otherSlugs.filter((o) => o !== slug && !o.startsWith(`${slug}-`) && !slug.startsWith(`${o}-`));
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    for (const doc of policyDocuments(resource)) {
      for (const st of doc?.Statement ?? []) {
        if (st.Effect !== 'Allow') continue;
        const dataActions = asList(st.Action).filter((a) => DATA_ACTION.test(a));
        if (dataActions.length === 0) continue;
        for (const raw of asList(st.Resource)) {
          const text = renderCfn(raw);
          const where = `${dataActions.join(', ')} on ${text}`;
          if (text.includes('*')) findings.push({ logicalId, message: `wildcard resource for data/email action: ${where}` });
          if (text.includes('<Import:')) findings.push({ logicalId, message: `resource imported from another stack: ${where}` });
          for (const m of text.matchAll(/<(?:Ref|GetAtt):([A-Za-z0-9]+)/g))
            if (!own.has(m[1]!)) findings.push({ logicalId, message: `resource ${m[1]} is not in this tenant's template: ${where}` });
          for (const other of others)
            if (namesTenant(text, other)) findings.push({ logicalId, message: `names tenant "${other}": ${where}` });
          const literal = !text.includes('<');
          if (literal && !namesTenant(text, slug) && !/:ses:[^:]*:[^:]*:identity\//.test(text))
            findings.push({ logicalId, message: `literal ARN that is neither this tenant's nor the SES identity: ${where}` });
        }
      }
    }
  }
  return findings;
}

/** Runs findIsolationViolations over every tenant stack of the app at synth time. */
export class TenantIsolationCheck implements IPolicyValidationPlugin {
  readonly name = 'RespiteTenantIsolation';
  readonly ruleIds = ['TenantIsolation'];

  /** tenantStacks: stack construct path → tenant slug. */
  constructor(private readonly tenantStacks: Map<string, string>) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const slugs = [...this.tenantStacks.values()];
    const violations: PolicyViolation[] = [];
    for (const stack of context.stackTemplates) {
      const slug = this.tenantStacks.get(stack.stackConstructPath);
      if (!slug) continue;
      const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as CfnTemplate;
      for (const f of findIsolationViolations(template, slug, slugs))
        violations.push({
          ruleName: 'TenantIsolation',
          description: f.message,
          violatingResources: [{ resourceLogicalId: f.logicalId, templatePath: stack.templatePath, locations: ['Properties'] }],
          fix: 'Grant only this tenant\u2019s own resources (see grantTenantAccess in infra/stacks/tenant-stack.ts).',
        });
    }
    return { success: violations.length === 0, violations };
  }
}
