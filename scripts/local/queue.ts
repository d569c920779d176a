// The local queue: a tiny SQS-compatible HTTP endpoint (AWS JSON 1.0 protocol) so the real @aws-sdk/client-sqs code
// path runs locally, plus an event-source poller that invokes each queue consumer in the tenant's worker with an
// SQS event, like Lambda's SQS event source mapping (batchItemFailures honoured).
// Semantics kept: visibility timeout, message delays (DelaySeconds), redelivery of anything not deleted,
// maxReceiveCount → dead-letter queue, and
// redrive from the DLQ (StartMessageMoveTask, or redrive() here). Fault injection for tests: redeliveryRate makes
// that share of deletes "get lost", so an already-processed message is delivered again.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export interface LocalQueueOptions {
  visibilityTimeoutMs: number;
  maxReceiveCount: number;
  /** 0–1: chance that a successful delete is dropped, so the message is redelivered (at-least-once in anger). */
  redeliveryRate: number;
  /**
   * Local convenience: SendMessage(Batch) answers only once its messages were consumed (deleted or dead-lettered),
   * up to this many ms, so a test that awaits a request can read the inbox straight after. 0 = answer at once.
   */
  settleWaitMs: number;
}

interface Stored {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receipt?: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export class LocalQueue {
  private messages = new Map<string, Stored>();
  private waiters = new Set<() => void>();
  private settled = new Map<string, () => void>();
  constructor(
    readonly name: string,
    readonly opts: LocalQueueOptions,
    readonly dlq?: LocalQueue,
  ) {}

  /** `delayMs`: SQS DelaySeconds, the message is invisible until then. */
  send(body: string, delayMs = 0): { id: string; md5: string } {
    const now = Date.now();
    const visibleAt = delayMs > 0 ? now + delayMs : 0;
    const m: Stored = { id: randomUUID(), body, md5: md5(body), sentAt: now, receiveCount: 0, visibleAt };
    this.messages.set(m.id, m);
    this.notify();
    return { id: m.id, md5: m.md5 };
  }

  receive(max: number, visibilityMs = this.opts.visibilityTimeoutMs): Stored[] {
    const now = Date.now();
    const out: Stored[] = [];
    for (const m of this.messages.values()) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (this.dlq && m.receiveCount >= this.opts.maxReceiveCount) {
        // Received too often without being deleted: move it to the dead-letter queue.
        this.messages.delete(m.id);
        this.dlq.send(m.body);
        this.settle(m.id);
        continue;
      }
      m.receiveCount += 1;
      m.visibleAt = now + visibilityMs;
      m.receipt = `${m.id}:${randomUUID()}`;
      out.push({ ...m });
    }
    return out;
  }

  /** Deletes by receipt handle (only the latest receipt of a message is valid, as in SQS). */
  delete(receipt: string): void {
    const id = receipt.split(':')[0]!;
    const m = this.messages.get(id);
    if (!m || m.receipt !== receipt) return;
    if (this.opts.redeliveryRate > 0 && randomInt(0, 1_000_000) < this.opts.redeliveryRate * 1_000_000) {
      m.visibleAt = 0; // the delete "got lost": redeliver
      this.notify();
      return;
    }
    this.messages.delete(id);
    this.settle(id);
    this.notify();
  }

  /** Resolves when the message is deleted or dead-lettered, or after ms. */
  whenSettled(id: string, ms: number): Promise<void> {
    if (!this.messages.has(id) || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settled.delete(id);
        resolve();
      }, ms);
      this.settled.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  private settle(id: string) {
    this.settled.get(id)?.();
    this.settled.delete(id);
  }

  changeVisibility(receipt: string, seconds: number): void {
    const m = this.messages.get(receipt.split(':')[0]!);
    if (m && m.receipt === receipt) m.visibleAt = Date.now() + seconds * 1000;
    this.notify();
  }

  /** Moves every message of the DLQ back to its source queue (SQS "redrive"). Returns how many moved. */
  redrive(): number {
    if (!this.dlq) return 0;
    const moved = this.dlq.purge();
    for (const body of moved) this.send(body);
    return moved.length;
  }

  purge(): string[] {
    const bodies = [...this.messages.values()].map((m) => m.body);
    for (const id of this.messages.keys()) this.settle(id);
    this.messages.clear();
    this.notify();
    return bodies;
  }

  get size() {
    return this.messages.size;
  }
  get visible() {
    const now = Date.now();
    return [...this.messages.values()].filter((m) => m.visibleAt <= now).length;
  }
  /** Time until the next message becomes visible (Infinity when empty). */
  nextVisibleIn(): number {
    const now = Date.now();
    let min = Infinity;
    for (const m of this.messages.values()) min = Math.min(min, Math.max(0, m.visibleAt - now));
    return min;
  }

  /** Resolves on the next change (send, delete, visibility change) or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
  private notify() {
    for (const w of [...this.waiters]) w();
  }
}

const ACCOUNT = '000000000000';

/** SQS DelaySeconds (0–900) in ms; undefined when out of range. */
function delayOf(seconds: unknown): number | undefined {
  if (seconds === undefined) return 0;
  const n = Number(seconds);
  return Number.isInteger(n) && n >= 0 && n <= 900 ? n * 1000 : undefined;
}

export interface QueueService {
  endpoint: string;
  queueUrl: (name: string) => string;
  queue: (name: string) => LocalQueue | undefined;
  create: (name: string, opts?: Partial<LocalQueueOptions>) => LocalQueue;
  /** A queue with no DLQ of its own and no consumer: a job's on-failure destination (`<job>-<slug>-dlq`). */
  createDestination: (name: string) => LocalQueue;
  close: () => Promise<void>;
}

const DEFAULTS: LocalQueueOptions = {
  visibilityTimeoutMs: 2_000,
  maxReceiveCount: 5,
  redeliveryRate: 0,
  settleWaitMs: 0,
};

/** Starts the SQS-compatible endpoint. Queues are created with create(name) (and "<name>-dlq" beside each). */
export async function startQueueService(port = 0, defaults: Partial<LocalQueueOptions> = {}): Promise<QueueService> {
  const queues = new Map<string, LocalQueue>();
  let endpoint = '';
  const queueUrl = (name: string) => `${endpoint}/${ACCOUNT}/${name}`;
  const byUrl = (url: unknown) => (typeof url === 'string' ? queues.get(url.split('/').pop() ?? '') : undefined);

  const create = (name: string, opts: Partial<LocalQueueOptions> = {}) => {
    const o = { ...DEFAULTS, ...defaults, ...opts };
    const dlq = new LocalQueue(`${name}-dlq`, { ...o, redeliveryRate: 0 });
    const q = new LocalQueue(name, o, dlq);
    queues.set(name, q);
    queues.set(dlq.name, dlq);
    return q;
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    };
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return reply(400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'invalid JSON' });
    }
    const q = byUrl(input.QueueUrl);
    const badDelay = () =>
      reply(400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'DelaySeconds must be 0 to 900.' });
    const noQueue = () =>
      reply(400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
    switch (target) {
      case 'GetQueueUrl':
        return queues.has(String(input.QueueName))
          ? reply(200, { QueueUrl: queueUrl(String(input.QueueName)) })
          : noQueue();
      case 'SendMessage': {
        if (!q) return noQueue();
        const delayMs = delayOf(input.DelaySeconds);
        if (delayMs === undefined) return badDelay();
        const { id, md5: sum } = q.send(String(input.MessageBody), delayMs);
        // A delayed message is not waited for (the local convenience is for messages consumed straight away).
        if (delayMs === 0) await q.whenSettled(id, q.opts.settleWaitMs);
        return reply(200, { MessageId: id, MD5OfMessageBody: sum });
      }
      case 'SendMessageBatch': {
        if (!q) return noQueue();
        const entries = (input.Entries ?? []) as { Id: string; MessageBody: string; DelaySeconds?: unknown }[];
        if (entries.length === 0 || entries.length > 10)
          return reply(400, {
            __type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
            message: 'Send 1 to 10 entries.',
          });
        if (entries.some((e) => delayOf(e.DelaySeconds) === undefined)) return badDelay();
        const sent = entries.map((e) => {
          const delayMs = delayOf(e.DelaySeconds)!;
          return { e, delayMs, ...q.send(String(e.MessageBody), delayMs) };
        });
        const Successful = sent.map((m) => ({ Id: m.e.Id, MessageId: m.id, MD5OfMessageBody: m.md5 }));
        await Promise.all(sent.filter((m) => m.delayMs === 0).map((m) => q.whenSettled(m.id, q.opts.settleWaitMs)));
        return reply(200, { Successful, Failed: [] });
      }
      case 'ReceiveMessage': {
        if (!q) return noQueue();
        const max = Math.min(10, Number(input.MaxNumberOfMessages ?? 1));
        const vis = input.VisibilityTimeout !== undefined ? Number(input.VisibilityTimeout) * 1000 : undefined;
        let got = q.receive(max, vis);
        const waitMs = Math.min(20, Number(input.WaitTimeSeconds ?? 0)) * 1000;
        if (got.length === 0 && waitMs > 0) {
          await q.changed(waitMs);
          got = q.receive(max, vis);
        }
        return reply(200, {
          Messages: got.map((m) => ({
            MessageId: m.id,
            ReceiptHandle: m.receipt,
            MD5OfBody: m.md5,
            Body: m.body,
            Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
          })),
        });
      }
      case 'DeleteMessage':
        if (!q) return noQueue();
        q.delete(String(input.ReceiptHandle));
        return reply(200, {});
      case 'DeleteMessageBatch': {
        if (!q) return noQueue();
        const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
        for (const e of entries) q.delete(e.ReceiptHandle);
        return reply(200, { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] });
      }
      case 'ChangeMessageVisibility':
        if (!q) return noQueue();
        q.changeVisibility(String(input.ReceiptHandle), Number(input.VisibilityTimeout));
        return reply(200, {});
      case 'GetQueueAttributes':
        if (!q) return noQueue();
        return reply(200, {
          Attributes: {
            QueueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:${q.name}`,
            ApproximateNumberOfMessages: String(q.visible),
            ApproximateNumberOfMessagesNotVisible: String(q.size - q.visible),
          },
        });
      case 'StartMessageMoveTask': {
        // Redrive: SourceArn names the DLQ (arn:…:<name>-dlq); messages go back to the queue it serves.
        const dlqName =
          String(input.SourceArn ?? '')
            .split(':')
            .pop() ?? '';
        const source = queues.get(dlqName.replace(/-dlq$/, ''));
        if (!source || !dlqName.endsWith('-dlq')) return noQueue();
        source.redrive();
        return reply(200, { TaskHandle: randomUUID() });
      }
      default:
        return reply(400, {
          __type: 'com.amazonaws.sqs#UnsupportedOperation',
          message: `${target} is not supported locally`,
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address();
  endpoint = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return {
    endpoint,
    queueUrl,
    queue: (name) => queues.get(name),
    create,
    createDestination: (name) => {
      const q = new LocalQueue(name, { ...DEFAULTS, ...defaults, redeliveryRate: 0 });
      queues.set(name, q);
      return q;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lambda's SQS event source mapping: polls a queue and invokes the consumer with batches, deleting what succeeded. */
export function startPoller(opts: {
  queue: LocalQueue;
  batchSize: number;
  /** Parallel invocations (Lambda's SQS scaling; 2 is the smallest maximum concurrency AWS allows). */
  concurrency?: number;
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  region?: string;
  onError?: (message: string) => void;
}): { stop: () => void; idle: () => boolean } {
  let stopped = false;
  let busy = 0;
  const loop = async () => {
    while (!stopped) {
      const batch = opts.queue.receive(opts.batchSize);
      if (batch.length === 0) {
        await opts.queue.changed(Math.min(200, opts.queue.nextVisibleIn()));
        continue;
      }
      busy++;
      const event: SQSEvent = {
        Records: batch.map((m) => ({
          messageId: m.id,
          receiptHandle: m.receipt!,
          body: m.body,
          attributes: {
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(m.sentAt),
          },
          messageAttributes: {},
          md5OfBody: m.md5,
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:${opts.region ?? 'eu-west-1'}:${ACCOUNT}:${opts.queue.name}`,
          awsRegion: opts.region ?? 'eu-west-1',
        })),
      };
      try {
        const result = await opts.invoke(event);
        const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        for (const m of batch) if (!failed.has(m.id)) opts.queue.delete(m.receipt!);
      } catch (err) {
        // The invocation crashed: delete nothing; every message comes back after the visibility timeout.
        opts.onError?.(err instanceof Error ? err.message : String(err));
      } finally {
        busy--;
      }
    }
  };
  for (let i = 0; i < (opts.concurrency ?? 2); i++) void loop();
  return {
    stop: () => {
      stopped = true;
    },
    idle: () => busy === 0 && opts.queue.size === 0,
  };
}
