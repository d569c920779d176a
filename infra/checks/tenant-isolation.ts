// Synth-time tenant isolation check, run as a CDK validation plugin on every synth (and asserted in tests/infra).
// It is an allow-list, so a statement it does not understand is a finding:
//   - identity policies (IAM Policy / ManagedPolicy / Role inline): every action is in ALLOWED_ACTIONS (no "*" in an
//     action, no NotAction, no NotResource); every resource is this template's own resource (Ref/GetAtt), a literal
//     ARN naming this tenant, or one of the SES identities this tenant may send as. "*" is allowed only for the X-Ray
//     actions, which have no resource-level permissions. No Fn::ImportValue anywhere, and no Fn::Sub variable map
//     (it can hide an import or another tenant's name behind a harmless-looking string);
//   - resource policies (SQS/SNS/S3/Secrets Manager/KMS key policies, Lambda permissions): Deny statements are fine;
//     an Allow names a service principal conditioned on one of this template's own resources, or (KMS only, the
//     key's administration) this account's root — never "*" or another account;
//   - another tenant's name never appears in any resource. Slugs that hyphen-prefix each other (acme / acme-eu)
//     are refused when tenants are loaded (assertSlugsDistinct), so a name match is never ambiguous;
//   - least privilege per function: every statement of a function's role is read back into capabilities
//     (infra/permissions.ts) and must equal what the function declares in functions/contexts.ts — no more (a grant
//     nobody declared) and no less (a declaration that went stale). A function with no declaration is a finding.
import { readFileSync } from 'node:fs';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { capabilityOf, impliedBy, type ResourceKind } from '../permissions.js';

/** Every action a tenant role may hold. Adding one is a reviewed change to this list. */
export const ALLOWED_ACTIONS = new Set([
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'ses:SendEmail',
  'sqs:SendMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'lambda:InvokeFunction',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
]);
/** Actions AWS offers no resource-level permission for: the only ones allowed on "*". */
const STAR_RESOURCE_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

const RESOURCE_POLICY_TYPES: Record<string, string> = {
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::KMS::Key': 'KeyPolicy',
};

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
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  NotPrincipal?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface IsolationOptions {
  /** SES identity ARNs this tenant may send as (the platform domain, or its own fromAddress domain). */
  sesIdentityArns?: string[];
  /** 12-digit account id whose root may administer the tenant's KMS key. */
  account?: string;
  /** ARNs of this tenant's own retained resources adopted on re-onboarding (its KMS key's ARN names no tenant). */
  adoptedArns?: string[];
  /** Function name → its declared capabilities (declaredCapabilities in infra/permissions.ts). */
  declared?: Record<string, string[]>;
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
    if (fn === 'Fn::Sub')
      return Array.isArray(arg)
        ? `${renderCfn(arg[0])}<SubMap:${renderCfn(Object.values((arg[1] ?? {}) as object))}>`
        : String(arg);
    return `<${fn}:${JSON.stringify(arg)}>`;
  }
  return String(value);
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** Pseudo parameters are not resources of the template. */
const PSEUDO = /^AWS::/;

/** True when `text` names tenant `slug` as a resource-name segment: respite-<slug>[-:/…] or respite/<slug>/. */
function namesTenant(text: string, slug: string): boolean {
  return new RegExp(`respite[-/]${slug.replace(/[^a-z0-9-]/g, '')}(?=$|[-:/*])`).test(text);
}

function identityDocuments(resource: {
  Type: string;
  Properties?: Record<string, unknown>;
}): { Statement?: Statement[] }[] {
  const p = resource.Properties ?? {};
  if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
    return [p.PolicyDocument as { Statement?: Statement[] }];
  if (resource.Type === 'AWS::IAM::Role')
    return asList(p.Policies as { PolicyDocument: { Statement?: Statement[] } }[] | undefined).map(
      (x) => x.PolicyDocument,
    );
  return [];
}

export function findIsolationViolations(
  template: CfnTemplate,
  slug: string,
  otherSlugs: string[],
  opts: IsolationOptions = {},
): IsolationFinding[] {
  const findings: IsolationFinding[] = [];
  const resources = template.Resources ?? {};
  const own = new Set(Object.keys(resources));
  const others = otherSlugs.filter((o) => o !== slug);
  const sesIdentities = new Set(opts.sesIdentityArns ?? []);
  const adopted = new Set(opts.adoptedArns ?? []);
  const add = (logicalId: string, message: string) => findings.push({ logicalId, message });

  /** Problems common to any rendered value: imports, Sub maps, refs to other templates, other tenants' names. */
  const checkValue = (logicalId: string, raw: unknown, where: string) => {
    const json = JSON.stringify(raw);
    const text = renderCfn(raw);
    if (json.includes('Fn::ImportValue')) add(logicalId, `resource imported from another stack: ${where}`);
    if (text.includes('<SubMap:'))
      add(logicalId, `Fn::Sub with a variable map (can hide an import or a name): ${where}`);
    for (const m of text.matchAll(/<(?:Ref|GetAtt):([A-Za-z0-9:]+)/g))
      if (!own.has(m[1]!) && !PSEUDO.test(m[1]!))
        add(logicalId, `resource ${m[1]} is not in this tenant's template: ${where}`);
    for (const other of others) if (namesTenant(text, other)) add(logicalId, `names tenant "${other}": ${where}`);
    return text;
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    // ---- identity policies ----
    for (const doc of identityDocuments(resource)) {
      for (const st of doc?.Statement ?? []) {
        if (st.NotAction !== undefined)
          add(logicalId, `NotAction grants everything it does not list: ${renderCfn(st.NotAction)}`);
        if (st.NotResource !== undefined)
          add(logicalId, `NotResource grants everything it does not list: ${renderCfn(st.NotResource)}`);
        if (st.Effect !== 'Allow') continue;
        const actions = asList(st.Action);
        for (const a of actions)
          if (!ALLOWED_ACTIONS.has(a))
            add(logicalId, `action ${a} is not on the allow-list (infra/checks/tenant-isolation.ts)`);
        const where = (text: string) => `${actions.join(', ')} on ${text}`;
        for (const raw of asList(st.Resource)) {
          const text = checkValue(logicalId, raw, where(renderCfn(raw)));
          if (text.includes('*') && !actions.every((a) => STAR_RESOURCE_ACTIONS.has(a))) {
            // A "*" inside one of our own ARNs (e.g. <GetAtt:Fn.Arn>:* for versions) is fine; a bare or literal one is not.
            if (!/^<(?:Ref|GetAtt):[A-Za-z0-9]+(?:\.Arn)?>(?::\*)?$/.test(text))
              add(logicalId, `wildcard resource: ${where(text)}`);
          }
          const literal = !text.includes('<');
          if (literal && text !== '*') {
            const ses = /:ses:[^:]*:[^:]*:identity\//.test(text);
            if (ses && !sesIdentities.has(text))
              add(logicalId, `SES identity this tenant may not send as: ${where(text)}`);
            if (!ses && !namesTenant(text, slug) && !adopted.has(text))
              add(logicalId, `literal ARN that is not this tenant's: ${where(text)}`);
          }
        }
      }
    }
    // ---- resource policies ----
    const docKey = RESOURCE_POLICY_TYPES[resource.Type];
    if (docKey) {
      const doc = resource.Properties?.[docKey] as { Statement?: Statement[] } | undefined;
      for (const st of doc?.Statement ?? []) {
        if (st.Effect !== 'Allow') continue;
        if (st.NotPrincipal !== undefined || st.NotAction !== undefined || st.NotResource !== undefined)
          add(logicalId, `resource policy uses NotPrincipal/NotAction/NotResource`);
        const principal = st.Principal as { Service?: unknown; AWS?: unknown } | string | undefined;
        const where = `${resource.Type} ${asList(st.Action).join(', ')}`;
        if (principal === '*' || typeof principal !== 'object') {
          add(logicalId, `resource policy allows principal ${renderCfn(principal)}: ${where}`);
          continue;
        }
        for (const raw of asList(st.Resource)) checkValue(logicalId, raw, where);
        const aws = asList(principal.AWS as unknown[]).map(renderCfn);
        const rootOfAccount = (p: string) => opts.account !== undefined && p.endsWith(`:iam::${opts.account}:root`);
        if (aws.length > 0 && !(resource.Type === 'AWS::KMS::Key' && aws.every(rootOfAccount)))
          add(logicalId, `resource policy allows AWS principal ${aws.join(', ')}: ${where}`);
        if (principal.Service !== undefined) {
          const source = Object.values(st.Condition ?? {}).flatMap((c) =>
            asList((c['aws:SourceArn'] ?? c['aws:SourceAccount']) as unknown),
          );
          if (source.length === 0)
            add(logicalId, `service principal without aws:SourceArn/SourceAccount condition: ${where}`);
          for (const s of source) checkValue(logicalId, s, where);
        }
      }
    }
    if (resource.Type === 'AWS::Lambda::Permission') {
      const p = resource.Properties ?? {};
      const principal = renderCfn(p.Principal);
      const where = `${resource.Type} ${renderCfn(p.Action)} for ${principal}`;
      if (p.Action !== 'lambda:InvokeFunction')
        add(logicalId, `Lambda permission grants ${renderCfn(p.Action)}: ${where}`);
      if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal))
        add(logicalId, `Lambda permission for a non-service principal: ${where}`);
      if (p.SourceArn === undefined) add(logicalId, `Lambda permission without SourceArn: ${where}`);
      else checkValue(logicalId, p.SourceArn, where);
      if (p.FunctionUrlAuthType !== undefined) add(logicalId, `Lambda function URL permission: ${where}`);
      checkValue(logicalId, p.FunctionName, where);
    }
  }
  if (opts.declared) findings.push(...checkDeclaredNeeds(template, slug, opts));
  return findings;
}

/** Which of this template's (or this tenant's adopted) resources a statement's resource is. */
function resourceKind(
  raw: unknown,
  template: CfnTemplate,
  slug: string,
  opts: IsolationOptions,
  ownLogGroup?: string,
): ResourceKind {
  const resources = template.Resources ?? {};
  const text = renderCfn(raw);
  const prefix = `respite-${slug}-`;
  const own = /^<(?:Ref|GetAtt):([A-Za-z0-9]+)(?:\.Arn)?>(.*)$/.exec(text);
  if (own) {
    const r = resources[own[1]!];
    const rest = own[2]!;
    const p = r?.Properties ?? {};
    if (
      (r?.Type === 'AWS::DynamoDB::GlobalTable' || r?.Type === 'AWS::DynamoDB::Table') &&
      /^(\/index\/[\w.-]+)?$/.test(rest)
    )
      return { kind: 'table' };
    if (r?.Type === 'AWS::SQS::Queue' && rest === '' && String(p.QueueName).startsWith(prefix))
      return { kind: 'queue', name: String(p.QueueName).slice(prefix.length) };
    if (r?.Type === 'AWS::SecretsManager::Secret' && rest === '' && String(p.Name).startsWith(`respite/${slug}/`))
      return { kind: 'secret', name: String(p.Name).slice(`respite/${slug}/`.length) };
    if (r?.Type === 'AWS::Logs::LogGroup' && (rest === '' || rest === ':*'))
      return { kind: 'log-group', own: own[1] === ownLogGroup };
    return { kind: 'other', text };
  }
  const configSet = /:configuration-set\/<Ref:([A-Za-z0-9]+)>$/.exec(text);
  if (configSet && resources[configSet[1]!]?.Type === 'AWS::SES::ConfigurationSet') return { kind: 'ses' };
  if ((opts.sesIdentityArns ?? []).includes(text)) return { kind: 'ses' };
  if (new RegExp(`^arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table/respite-${slug}(/index/[\\w.-]+)?$`).test(text))
    return { kind: 'table' };
  const secret = new RegExp(
    `^arn:aws[a-z-]*:secretsmanager:[^:]*:[^:]*:secret:respite/${slug}/(.+)-[A-Za-z0-9]{6}$`,
  ).exec(text);
  if (secret) return { kind: 'secret', name: secret[1]! };
  const queue = new RegExp(`^arn:aws[a-z-]*:sqs:[^:]*:[^:]*:${prefix}(.+)$`).exec(text);
  if (queue) return { kind: 'queue', name: queue[1]! };
  return { kind: 'other', text };
}

/** Each function's role holds exactly the capabilities the function declares (functions/contexts.ts). */
function checkDeclaredNeeds(template: CfnTemplate, slug: string, opts: IsolationOptions): IsolationFinding[] {
  const findings: IsolationFinding[] = [];
  const resources = template.Resources ?? {};
  const declared = opts.declared ?? {};
  /** role logical id → function name and what it holds: capability → one example "action on resource". */
  const roles = new Map<string, { fn: string; logGroup?: string; held: Map<string, string> }>();
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const name = r.Properties?.FunctionName;
    const roleId = (r.Properties?.Role as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt']?.[0];
    if (typeof name !== 'string' || !(name in declared)) {
      findings.push({
        logicalId: id,
        message: `function ${renderCfn(name)} has no declaration in functions/contexts.ts`,
      });
      continue;
    }
    if (!roleId || resources[roleId]?.Type !== 'AWS::IAM::Role') {
      findings.push({ logicalId: id, message: `function ${name} does not run with a role of this template` });
      continue;
    }
    const logGroup = (r.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
    roles.set(roleId, { fn: name, logGroup, held: new Map() });
  }
  const hold = (roleId: string, docs: { Statement?: Statement[] }[], policyId: string) => {
    const role = roles.get(roleId);
    if (!role) return;
    for (const doc of docs)
      for (const st of doc?.Statement ?? []) {
        if (st.Effect !== 'Allow') continue;
        const via = renderCfn(st.Condition?.StringEquals?.['kms:ViaService'] ?? '');
        for (const action of asList(st.Action))
          for (const raw of asList(st.Resource)) {
            const kind = resourceKind(raw, template, slug, opts, role.logGroup);
            const cap = capabilityOf(action, kind, via || undefined);
            if (!role.held.has(cap)) role.held.set(cap, `${action} on ${renderCfn(raw)} (${policyId})`);
          }
      }
  };
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      for (const ref of asList(r.Properties?.Roles as unknown[] | undefined)) {
        const roleId = (ref as { Ref?: string })?.Ref;
        if (roleId) hold(roleId, identityDocuments(r), id);
      }
    if (r.Type === 'AWS::IAM::Role' && roles.has(id)) {
      hold(id, identityDocuments(r), id);
      if (r.Properties?.ManagedPolicyArns !== undefined)
        findings.push({ logicalId: id, message: `the role of ${roles.get(id)!.fn} has managed policies attached` });
    }
  }
  for (const [roleId, role] of roles) {
    const mine = declared[role.fn]!;
    const allowed = impliedBy(mine);
    for (const [cap, example] of role.held)
      if (!allowed.has(cap))
        findings.push({
          logicalId: roleId,
          message: `the role of ${role.fn} holds ${cap}, which functions/contexts.ts does not declare: ${example}`,
        });
    for (const cap of mine)
      if (!role.held.has(cap))
        findings.push({
          logicalId: roleId,
          message: `${role.fn} declares ${cap} in functions/contexts.ts but its role is not granted it`,
        });
  }
  return findings;
}

/** Slugs that are reserved (they would collide with platform host names under <domain>). */
export const RESERVED_SLUGS = ['api', 'www', 'mail', 'admin', 'app', 'static', 'status', 'platform'];

/** Refuses reserved slugs and slugs that hyphen-prefix another (acme vs acme-eu: respite-acme-* would match both). */
export function assertSlugsDistinct(slugs: string[]): void {
  for (const s of slugs)
    if (RESERVED_SLUGS.includes(s))
      throw new Error(`The slug "${s}" is reserved (${RESERVED_SLUGS.join(', ')}); choose another.`);
  for (const a of slugs)
    for (const b of slugs)
      if (a !== b && b.startsWith(`${a}-`))
        throw new Error(
          `The slugs "${a}" and "${b}" cannot both exist: "${a}" is a hyphen-prefix of "${b}", so a resource name respite-${a}-… could belong to either. Choose a slug that does not start with "${a}-".`,
        );
}

/** Runs findIsolationViolations over every tenant stack of the app at synth time. */
export class TenantIsolationCheck implements IPolicyValidationPlugin {
  readonly name = 'RespiteTenantIsolation';
  readonly ruleIds = ['TenantIsolation'];

  /** tenantStacks: stack construct path → tenant slug and what it may name. */
  constructor(
    private readonly tenantStacks: Map<string, { slug: string } & IsolationOptions>,
    private readonly allSlugs?: string[],
  ) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const slugs = this.allSlugs ?? [...this.tenantStacks.values()].map((t) => t.slug);
    const violations: PolicyViolation[] = [];
    for (const stack of context.stackTemplates) {
      const t = this.tenantStacks.get(stack.stackConstructPath);
      if (!t) continue;
      const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as CfnTemplate;
      for (const f of findIsolationViolations(template, t.slug, slugs, t))
        violations.push({
          ruleName: 'TenantIsolation',
          description: f.message,
          violatingResources: [
            { resourceLogicalId: f.logicalId, templatePath: stack.templatePath, locations: ['Properties'] },
          ],
          fix: 'Grant only this tenant\u2019s own resources, and only what the function declares in functions/contexts.ts (infra/permissions.ts, grantNeeds).',
        });
    }
    return { success: violations.length === 0, violations };
  }
}
