// Deploy limits, checked before anything reaches AWS. Two levels:
//   - per stack, on every synth (the DeployLimitsCheck validation plugin, so `cdk synth` fails with a clear message):
//     template size, resources (CloudFormation's 500 and our own budget of 200), outputs, parameters, and each Lambda
//     function's environment against Lambda's 4 KB (keys and values; a `{{resolve:…}}` secret counts as its largest
//     resolved size, a Ref/GetAtt as a long ARN or URL);
//   - per account, by `npm run predeploy-check` over the whole cloud assembly: the quotas every tenant stack draws
//     on together (IAM roles, stacks, rules on the default event bus, DynamoDB tables, SES configuration sets),
//     against the AWS default quotas or the ones given with --quota. It warns at 80 % and fails over 100 %.
// The account already holds things Respite did not create, so the account-wide figures are a floor, not the truth:
// the runbook says to compare them with Service Quotas once.
import { readFileSync } from 'node:fs';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';

type Template = {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
};

/** AWS default quotas (and our own resource budget), as documented at the time of writing; --quota overrides. */
export const DEFAULT_QUOTAS = {
  /** CloudFormation: a template uploaded through S3 (CDK always does). */
  templateBytes: 1_000_000,
  resourcesPerStack: 500,
  /** Our own budget per tenant stack (docs/deploy.md, "Resource budget per tenant"). */
  resourceBudget: 200,
  outputsPerStack: 200,
  parametersPerStack: 200,
  /** Lambda: all environment variables of a function, keys and values. */
  lambdaEnvBytes: 4096,
  iamRoles: 1000,
  stacks: 2000,
  /** EventBridge: rules per event bus (the SES events rule of every tenant is on the default bus). */
  defaultBusRules: 300,
  dynamodbTables: 2500,
  sesConfigurationSets: 10_000,
};
export type Quotas = typeof DEFAULT_QUOTAS;

/** A secret resolved into the environment at deploy time: a keyring with its previous key is about 200 characters. */
export const RESOLVED_SECRET_BYTES = 300;
/** A Ref/GetAtt (queue URL, ARN) once resolved. */
export const RESOLVED_REFERENCE_BYTES = 200;
export const WARN_SHARE = 0.8;

export interface LimitFinding {
  level: 'error' | 'warning';
  stack: string;
  message: string;
  logicalId?: string;
}

/** Size of a value once CloudFormation has resolved it (an upper estimate for anything not a plain string). */
function resolvedSize(value: unknown): number {
  if (typeof value === 'string') {
    const secrets = value.match(/\{\{resolve:[^}]+\}\}/g) ?? [];
    return (
      Buffer.byteLength(value.replace(/\{\{resolve:[^}]+\}\}/g, ''), 'utf8') + secrets.length * RESOLVED_SECRET_BYTES
    );
  }
  if (value && typeof value === 'object') {
    const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (fn === 'Fn::Join' && Array.isArray(arg)) {
      const [sep, parts] = arg as [string, unknown[]];
      return parts.reduce<number>((n, p) => n + resolvedSize(p), 0) + sep.length * Math.max(0, parts.length - 1);
    }
  }
  return RESOLVED_REFERENCE_BYTES;
}

/** The size Lambda counts for a function's environment: every key and value. */
export function environmentBytes(variables: Record<string, unknown>): number {
  return Object.entries(variables).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + resolvedSize(v), 0);
}

function against(
  stack: string,
  what: string,
  used: number,
  limit: number,
  fix: string,
  logicalId?: string,
): LimitFinding[] {
  if (used > limit) return [{ level: 'error', stack, logicalId, message: `${what}: ${used} of ${limit}. ${fix}` }];
  if (used > limit * WARN_SHARE)
    return [
      {
        level: 'warning',
        stack,
        logicalId,
        message: `${what}: ${used} of ${limit} (over ${WARN_SHARE * 100} %). ${fix}`,
      },
    ];
  return [];
}

/** Per-stack limits of one synthesised template. `isTenant` applies our own resource budget. */
export function stackLimitFindings(
  stack: string,
  templateText: string,
  isTenant: boolean,
  quotas: Quotas = DEFAULT_QUOTAS,
): LimitFinding[] {
  const template = JSON.parse(templateText) as Template;
  const resources = Object.entries(template.Resources ?? {});
  const out: LimitFinding[] = [
    ...against(
      stack,
      'Template size (bytes)',
      Buffer.byteLength(templateText, 'utf8'),
      quotas.templateBytes,
      'Split the stack or shorten what is inlined.',
    ),
    ...against(
      stack,
      'Resources',
      resources.length,
      quotas.resourcesPerStack,
      'CloudFormation refuses the stack: split it.',
    ),
    ...against(
      stack,
      'Outputs',
      Object.keys(template.Outputs ?? {}).length,
      quotas.outputsPerStack,
      'Publish values as SSM parameters instead.',
    ),
    ...against(
      stack,
      'Parameters',
      Object.keys(template.Parameters ?? {}).length,
      quotas.parametersPerStack,
      'Too many asset parameters: bundle fewer functions.',
    ),
  ];
  if (isTenant)
    out.push(
      ...against(
        stack,
        'Resources against the tenant budget',
        resources.length,
        quotas.resourceBudget,
        'Merge contexts or jobs (docs/deploy.md, "Resource budget per tenant").',
      ),
    );
  for (const [logicalId, r] of resources) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const environment = r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined;
    const variables = environment?.Variables ?? {};
    out.push(
      ...against(
        stack,
        `Environment of function ${logicalId} (bytes, secrets counted at ${RESOLVED_SECRET_BYTES})`,
        environmentBytes(variables),
        quotas.lambdaEnvBytes,
        'Shorten tenants/<slug>.json (its lists are copied into every function) or move the value to a parameter.',
        logicalId,
      ),
    );
  }
  return out;
}

const countOf = (templates: Template[], pred: (type: string, props: Record<string, unknown>) => boolean) =>
  templates.reduce(
    (n, t) => n + Object.values(t.Resources ?? {}).filter((r) => pred(r.Type, r.Properties ?? {})).length,
    0,
  );

/** Account-wide quotas over every stack of the assembly (one account and region). */
export function accountLimitFindings(
  templates: Record<string, string>,
  quotas: Quotas = DEFAULT_QUOTAS,
): LimitFinding[] {
  const parsed = Object.values(templates).map((t) => JSON.parse(t) as Template);
  const all = 'account';
  const onDefaultBus = (type: string, p: Record<string, unknown>) =>
    type === 'AWS::Events::Rule' && (p.EventBusName === undefined || p.EventBusName === 'default');
  return [
    ...against(
      all,
      'IAM roles',
      countOf(parsed, (t) => t === 'AWS::IAM::Role'),
      quotas.iamRoles,
      'Raise the IAM roles quota (up to 5,000) or start a new cell (docs/deploy.md, "Scaling").',
    ),
    ...against(
      all,
      'CloudFormation stacks',
      parsed.length,
      quotas.stacks,
      'Raise the stacks quota or start a new cell.',
    ),
    ...against(
      all,
      'Rules on the default event bus',
      countOf(parsed, onDefaultBus),
      quotas.defaultBusRules,
      'Raise the rules-per-bus quota or start a new cell.',
    ),
    ...against(
      all,
      'DynamoDB tables',
      countOf(parsed, (t) => t === 'AWS::DynamoDB::Table' || t === 'AWS::DynamoDB::GlobalTable'),
      quotas.dynamodbTables,
      'Raise the tables quota or start a new cell.',
    ),
    ...against(
      all,
      'SES configuration sets',
      countOf(parsed, (t) => t === 'AWS::SES::ConfigurationSet'),
      quotas.sesConfigurationSets,
      'Raise the quota or start a new cell.',
    ),
  ];
}

/** Parses "iamRoles=5000,defaultBusRules=2000" into quotas over the defaults; an unknown name is an error. */
export function parseQuotas(spec: string | undefined): Quotas {
  const quotas = { ...DEFAULT_QUOTAS };
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!name || !(name in quotas))
      throw new Error(`Unknown quota "${name}". Quotas: ${Object.keys(DEFAULT_QUOTAS).join(', ')}.`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`Quota ${name} must be a positive whole number, not "${value}".`);
    quotas[name as keyof Quotas] = n;
  }
  return quotas;
}

/** The per-stack checks on every synth: errors fail it; warnings are not findings here (the predeploy check prints them). */
export class DeployLimitsCheck implements IPolicyValidationPlugin {
  readonly name = 'RespiteDeployLimits';
  readonly ruleIds = ['DeployLimits'];
  constructor(private readonly tenantStackPaths: Set<string>) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const stack of context.stackTemplates) {
      const text = readFileSync(stack.templatePath, 'utf8');
      for (const f of stackLimitFindings(
        stack.stackConstructPath,
        text,
        this.tenantStackPaths.has(stack.stackConstructPath),
      ))
        if (f.level === 'error')
          violations.push({
            ruleName: 'DeployLimits',
            description: f.message,
            violatingResources: [
              {
                resourceLogicalId: f.logicalId ?? stack.stackConstructPath,
                templatePath: stack.templatePath,
                locations: [],
              },
            ],
            fix: 'See infra/checks/limits.ts and docs/deploy.md ("Before every deploy").',
          });
    }
    return { success: violations.length === 0, violations };
  }
}
