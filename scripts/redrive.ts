// `npm run redrive -- <tenant> <queue> [--local <url>]`: moves every message in a queue's dead-letter queue back to
// the queue, so its consumer tries again once the cause is fixed. Safe to run twice and safe for email: the sender's
// ledger sends each (recipient, kind, idempotency key) at most once, so a redriven email already sent is skipped.
//
// In AWS it starts an SQS message-move task from `respite-<tenant>-<queue>-dlq` (the destination is the queue the
// messages came from) with the caller's credentials; locally it asks the local stack (`npm start`) to do the same.
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { QUEUE_CONSUMERS } from '../functions/contexts.js';
import { names } from '../infra/settings.js';

export interface RedriveOptions {
  tenant: string;
  queue: string;
  /** The local stack's URL (e.g. http://localhost:3000); without it, the AWS account of the caller's credentials. */
  local?: string;
}

export async function redrive(opts: RedriveOptions): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]{1,30}$/.test(opts.tenant)) throw new Error(`"${opts.tenant}" is not a tenant slug.`);
  const known = QUEUE_CONSUMERS.map((c) => c.queue);
  if (!known.includes(opts.queue)) throw new Error(`"${opts.queue}" is not a queue. Queues: ${known.join(', ')}.`);
  if (opts.local) {
    const res = await fetch(`${opts.local.replace(/\/$/, '')}/_local/queues`, { method: 'POST', body: JSON.stringify({ queue: `${opts.queue}-${opts.tenant}`, action: 'redrive' }) });
    if (!res.ok) throw new Error(`The local stack answered ${res.status} (is the tenant "${opts.tenant}" hosted there?).`);
    const out = (await res.json()) as { moved: number; size: number };
    return `Moved ${out.moved} message(s) from ${opts.queue}-${opts.tenant}-dlq back to ${opts.queue}-${opts.tenant}.`;
  }
  const sqs = new SQSClient({});
  const dlqName = `${names.resourcePrefix(opts.tenant)}-${opts.queue}-dlq`;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }));
  const waiting = attrs.Attributes?.ApproximateNumberOfMessages ?? '0';
  const task = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: attrs.Attributes!.QueueArn! }));
  return `Started moving about ${waiting} message(s) from ${dlqName} back to its queue (task ${task.TaskHandle}). Watch it with: aws sqs list-message-move-tasks --source-arn ${attrs.Attributes!.QueueArn}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const localAt = args.indexOf('--local');
  const urlGiven = localAt >= 0 && /^https?:\/\//.test(args[localAt + 1] ?? '');
  const local = localAt < 0 ? undefined : urlGiven ? args[localAt + 1] : `http://localhost:${process.env.PORT ?? 3000}`;
  const [tenant, queue] = args.filter((a, i) => a !== '--local' && !(urlGiven && i === localAt + 1));
  if (!tenant || !queue) {
    console.error('Usage: npm run redrive -- <tenant> <queue> [--local [url]]');
    process.exit(2);
  }
  try {
    console.log(await redrive({ tenant, queue, local }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
