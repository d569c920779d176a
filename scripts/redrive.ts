// `npm run redrive -- <tenant> <queue | job> [--local [url]]`: gives failed work back once the cause is fixed.
//
// A queue (email, ses-events): moves every message of `respite-<tenant>-<queue>-dlq` back to the queue, so its
// consumer tries again. Safe to run twice and safe for email: the sender's ledger sends each (recipient, kind,
// idempotency key) at most once, so a redriven email already sent is skipped. In AWS it starts an SQS message-move
// task with the caller's credentials.
//
// A scheduled job (reminders-tick, stats-release, …): its on-failure queue `respite-<tenant>-<job>-dlq` holds Lambda's
// on-failure records (the tick that failed after Lambda's retries, with its error). Each record's tick is invoked
// again, asynchronously (a failure gets the same retries and lands back in the queue), then the record is deleted.
// Every job is safe to run again for a slot (each is idempotent, and the job lease keeps runs apart).
//
// The AWS path (redriveQueue, redriveJob) uses the SQS SDK with the caller's credentials; the integration tests run
// that same code against the local queues (tests/integration/redrive.test.ts). Only the job's invoke has no local
// emulator and no SDK in package.json: it goes through the AWS CLI (`aws lambda invoke --invocation-type Event`).
//
// Locally (`npm start`) the command asks the local stack to do the same (/_local/queues, /_local/job-failures).
import { execFileSync } from 'node:child_process';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../functions/contexts.js';
import { names } from '../infra/settings.js';
import { isMain, localStackUrl, parseScriptArgs, runScript, tenantSlug, UsageError } from './lib/args.js';

export const USAGE = 'npm run redrive -- <tenant> <queue | job> [--local [url]]';

export interface RedriveOptions {
  tenant: string;
  /** A queue (QUEUE_CONSUMERS) or a scheduled job (SCHEDULED_JOBS). */
  queue: string;
  /** The local stack's URL (e.g. http://localhost:3000); without it, the AWS account of the caller's credentials. */
  local?: string;
}

export async function redrive(opts: RedriveOptions): Promise<string> {
  const tenant = tenantSlug(opts.tenant);
  const queues = QUEUE_CONSUMERS.map((c) => c.queue);
  const jobs = SCHEDULED_JOBS.map((j) => j.name);
  const isJob = jobs.includes(opts.queue);
  if (!isJob && !queues.includes(opts.queue))
    throw new UsageError(
      `"${opts.queue}" is neither a queue (${queues.join(', ')}) nor a scheduled job (${jobs.join(', ')}).`,
    );
  if (opts.local)
    return isJob ? redriveLocalJob(opts.local, tenant, opts.queue) : redriveLocalQueue(opts.local, tenant, opts.queue);
  const account = awsAccount();
  return isJob ? redriveJob(account, tenant, opts.queue) : redriveQueue(account, tenant, opts.queue);
}

/** Where the AWS path works: the caller's account, or (tests) the local queues behind the same SQS API. */
export interface QueueAccount {
  sqs: SQSClient;
  /** A tenant's queue, or a job's on-failure queue without its "-dlq" (AWS: respite-<tenant>-<queue>). */
  queueName: (tenant: string, queue: string) => string;
  /** Invokes a tenant's job asynchronously with `payload`. */
  invokeJob: (tenant: string, job: string, payload: unknown) => Promise<void>;
}

export function awsAccount(): QueueAccount {
  return {
    sqs: new SQSClient({}),
    queueName: (tenant, queue) => `${names.resourcePrefix(tenant)}-${queue}`,
    invokeJob: async (tenant, job, payload) => {
      execFileSync(
        'aws',
        [
          'lambda',
          'invoke',
          '--function-name',
          `${names.resourcePrefix(tenant)}-${job}`,
          '--invocation-type',
          'Event',
          '--cli-binary-format',
          'raw-in-base64-out',
          '--payload',
          JSON.stringify(payload),
          '/dev/null',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    },
  };
}

async function redriveLocalQueue(url: string, tenant: string, queue: string): Promise<string> {
  const res = await fetch(`${url.replace(/\/$/, '')}/_local/queues`, {
    method: 'POST',
    body: JSON.stringify({ queue: `${queue}-${tenant}`, action: 'redrive' }),
  });
  if (!res.ok) throw new Error(`The local stack answered ${res.status} (is the tenant "${tenant}" hosted there?).`);
  const out = (await res.json()) as { moved: number; size: number };
  return `Moved ${out.moved} message(s) from ${queue}-${tenant}-dlq back to ${queue}-${tenant}.`;
}

async function redriveLocalJob(url: string, tenant: string, job: string): Promise<string> {
  const res = await fetch(`${url.replace(/\/$/, '')}/_local/job-failures`, {
    method: 'POST',
    body: JSON.stringify({ name: job, tenant, action: 'redrive' }),
  });
  if (!res.ok) throw new Error(`The local stack answered ${res.status} (is the tenant "${tenant}" hosted there?).`);
  const out = (await res.json()) as { moved: number; failedAgain: number; size: number };
  return `Ran ${out.moved} failed tick(s) of ${job} again from ${job}-${tenant}-dlq: ${out.moved - out.failedAgain} succeeded, ${out.failedAgain} failed again and are back in the queue.`;
}

/** Starts an SQS message-move task from the queue's DLQ back to the queue. */
export async function redriveQueue(account: QueueAccount, tenant: string, queue: string): Promise<string> {
  const { sqs } = account;
  const dlqName = `${account.queueName(tenant, queue)}-dlq`;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }));
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }),
  );
  const waiting = attrs.Attributes?.ApproximateNumberOfMessages ?? '0';
  const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: attrs.Attributes!.QueueArn! }));
  return `Started moving about ${waiting} message(s) from ${dlqName} back to its queue (task ${task.TaskHandle}). Watch it with: aws sqs list-message-move-tasks --source-arn ${attrs.Attributes!.QueueArn}`;
}

/** Invokes the job again for each on-failure record of its queue, deleting each record once its invoke is accepted. */
export async function redriveJob(account: QueueAccount, tenant: string, job: string): Promise<string> {
  const { sqs } = account;
  const dlqName = `${account.queueName(tenant, job)}-dlq`;
  const functionName = `${names.resourcePrefix(tenant)}-${job}`;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }));
  let invoked = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) break;
    for (const m of Messages) {
      const record = JSON.parse(m.Body ?? '{}') as { requestPayload?: unknown };
      if (record.requestPayload === undefined)
        throw new Error(`A message in ${dlqName} is not a Lambda on-failure record; left in place.`);
      await account.invokeJob(tenant, job, record.requestPayload);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      invoked += 1;
    }
  }
  return `Invoked ${functionName} again for ${invoked} failed tick(s) from ${dlqName}. A tick that fails again returns to ${dlqName} after Lambda's retries; watch /aws/lambda/${functionName}.`;
}

if (isMain(import.meta.url)) {
  runScript(USAGE, async (argv) => {
    const args = parseScriptArgs(argv);
    const [tenant, queue] = args.positionals;
    if (!queue || args.positionals.length > 2) throw new UsageError('Name the tenant and the queue or job.');
    return redrive({ tenant: tenant!, queue, local: args.local ? localStackUrl(args) : undefined });
  });
}
