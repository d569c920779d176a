// Least privilege per function, in one place: what a function declares in functions/contexts.ts (Needs) becomes a
// set of capabilities; grantNeeds() turns them into IAM statements, and the synth-time isolation check
// (checks/tenant-isolation.ts) reads every statement of a function's role back into capabilities and fails the synth
// when the role holds one that was not declared, or lacks one that was. So a grant added anywhere (by hand, or by a
// CDK construct's own grant) that the declaration does not cover is found before deploy.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Needs } from '../functions/contexts.js';
import { TABLE_DESIGN } from '../functions/shared/table-design.js';

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
// ConditionCheckItem is a write: it is only used inside TransactWriteItems.
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/** The table's CMK as DynamoDB uses it on the caller's behalf: reads decrypt, writes also make data keys. */
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];
/** SESv2 SendEmail with simple content is authorised as ses:SendEmail (no raw MIME is ever sent). */
export const SES_SEND_ACTIONS = ['ses:SendEmail'];
const QUEUE_SEND_ACTIONS = ['sqs:SendMessage'];
const QUEUE_CONSUME_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'];
/** Come with either sending or consuming (CDK's grants add them to both). */
const QUEUE_DESCRIBE_ACTIONS = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

/** The secret name of each key, under respite/<slug>/. */
export const KEY_SECRET_NAMES: Record<Needs['keys'][number], string> = {
  pseudonym: 'pseudonym-key',
  signing: 'signing-keys',
};

/** A job's on-failure queue (Lambda's destination), by the queue name under respite-<slug>-. */
export const jobFailureQueue = (job: string) => `${job}-dlq`;

export type FunctionKind = 'http' | 'job' | 'consumer';

/**
 * What a function may do, as sorted capability strings: table:read, table:write, secret:<key>, ses:send,
 * queue:<name>:send, queue:<name>:consume. A consumer consumes its own queue; a job sends to its on-failure queue.
 */
export function declaredCapabilities(fn: { kind: FunctionKind; name: string; needs: Needs; queue?: string }): string[] {
  const caps = new Set<string>(['table:read']);
  if (fn.needs.table === 'read-write') caps.add('table:write');
  for (const k of fn.needs.keys) caps.add(`secret:${k}`);
  if (fn.needs.sesSend) caps.add('ses:send');
  for (const q of fn.needs.sendsTo ?? []) caps.add(`queue:${q}:send`);
  if (fn.kind === 'consumer' && fn.queue) caps.add(`queue:${fn.queue}:consume`);
  if (fn.kind === 'job') caps.add(`queue:${jobFailureQueue(fn.name)}:send`);
  return [...caps].sort();
}

/** Capabilities a role may hold without declaring them, because a declared one brings them. */
export function impliedBy(declared: string[]): Set<string> {
  const out = new Set(declared);
  out.add('logs'); // its own log group
  out.add('xray'); // tracing, when the deployment turns it on (no data)
  if (declared.some((c) => c.startsWith('secret:'))) out.add('key:via-secretsmanager');
  for (const c of declared) {
    const m = /^queue:(.+):(send|consume)$/.exec(c);
    if (m) out.add(`queue:${m[1]}:describe`);
  }
  return out;
}

/** What the check needs to know about one resource a statement names. */
export type ResourceKind =
  | { kind: 'table' }
  | { kind: 'queue'; name: string }
  | { kind: 'secret'; name: string }
  | { kind: 'ses' }
  | { kind: 'log-group'; own: boolean }
  | { kind: 'other'; text: string };

/**
 * The capability one (action, resource) pair of a statement gives; `via` is the statement's kms:ViaService, if any.
 * Anything not understood is `other:…`, which no declaration covers.
 */
export function capabilityOf(action: string, resource: ResourceKind, via?: string): string {
  const isTable = resource.kind === 'table';
  if (TABLE_READ_ACTIONS.includes(action)) return isTable ? 'table:read' : `other:${action}`;
  if (TABLE_WRITE_ACTIONS.includes(action)) return isTable ? 'table:write' : `other:${action}`;
  if (action.startsWith('kms:')) {
    if (via?.startsWith('dynamodb.')) {
      if (KEY_READ_ACTIONS.includes(action)) return 'table:read';
      if (KEY_WRITE_ACTIONS.includes(action)) return 'table:write';
    }
    if (via?.startsWith('secretsmanager.') && action === 'kms:Decrypt') return 'key:via-secretsmanager';
    return `other:${action} on the key directly`;
  }
  if (action === 'secretsmanager:GetSecretValue') {
    const key = Object.entries(KEY_SECRET_NAMES).find(([, n]) => resource.kind === 'secret' && resource.name === n);
    return key ? `secret:${key[0]}` : `other:${action}`;
  }
  if (SES_SEND_ACTIONS.includes(action)) return resource.kind === 'ses' ? 'ses:send' : `other:${action}`;
  if (action.startsWith('sqs:') && resource.kind === 'queue') {
    if (QUEUE_SEND_ACTIONS.includes(action)) return `queue:${resource.name}:send`;
    if (QUEUE_CONSUME_ACTIONS.includes(action)) return `queue:${resource.name}:consume`;
    if (QUEUE_DESCRIBE_ACTIONS.includes(action)) return `queue:${resource.name}:describe`;
  }
  if ((action === 'logs:CreateLogStream' || action === 'logs:PutLogEvents') && resource.kind === 'log-group')
    return resource.own ? 'logs' : `other:${action} on another function's log group`;
  if (action === 'xray:PutTraceSegments' || action === 'xray:PutTelemetryRecords') return 'xray';
  return `other:${action}`;
}

export interface TenantResources {
  tableArn: string;
  key: kms.IKey;
  region: string;
  keySecretArns: Record<Needs['keys'][number], string>;
  /** The SES identity and configuration set ARNs this tenant sends with. */
  sesArns: string[];
  queues: Map<string, sqs.IQueue>;
}

/**
 * Grants exactly what `needs` declares. A consumer's own queue and a job's on-failure queue are granted by their
 * event source and destination (CDK), and the check holds those to the declaration too.
 */
export function grantNeeds(role: iam.IRole, needs: Needs, r: TenantResources): void {
  const tableResources = [r.tableArn, ...TABLE_DESIGN.globalIndexes.map((gsi) => `${r.tableArn}/index/${gsi.name}`)];
  const write = needs.table === 'read-write';
  // No dynamodb:Scan: every access pattern is a GetItem or Query (functions/domain/access-patterns.md).
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TenantTable',
      actions: [...TABLE_READ_ACTIONS, ...(write ? TABLE_WRITE_ACTIONS : [])],
      resources: tableResources,
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TenantKeyViaDynamoDb',
      actions: [...KEY_READ_ACTIONS, ...(write ? KEY_WRITE_ACTIONS : [])],
      resources: [r.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${r.region}.amazonaws.com` } },
    }),
  );
  // Read (never write) the key secrets at cold start. Granted on the role, not with secret.grantRead(), which would
  // also add the role to the KMS key's resource policy.
  if (needs.keys.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantKeySecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: needs.keys.map((k) => r.keySecretArns[k]),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantKeyViaSecretsManager',
        actions: ['kms:Decrypt'],
        resources: [r.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${r.region}.amazonaws.com` } },
      }),
    );
  }
  if (needs.sesSend)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'TenantEmail', actions: SES_SEND_ACTIONS, resources: r.sesArns }),
    );
  for (const name of needs.sendsTo ?? []) {
    const queue = r.queues.get(name);
    if (!queue) throw new Error(`functions/contexts.ts: a function sends to queue "${name}", which no consumer reads`);
    queue.grantSendMessages(role);
  }
}
