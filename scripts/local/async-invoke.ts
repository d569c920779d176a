// Lambda's asynchronous invocation, as EventBridge Scheduler uses it for every scheduled job, for the local stack:
// a function error is retried twice (AWS waits about 1 and then 2 minutes; locally `retryDelayMs` and twice that),
// and when the retries are used up the invocation record goes to the job's on-failure destination — in AWS the SQS
// queue `respite-<slug>-<job>-dlq` (tenant-stack.ts, EventInvokeConfig), here the local queue `<job>-<slug>-dlq`.
// The record has the shape Lambda sends to an on-failure destination, so redrive reads the same thing in both.
import type { LocalQueue } from './queue.js';

/** What Lambda puts on an on-failure destination (the fields we use; AWS adds a few more). */
export interface OnFailureRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetriesExhausted';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  responsePayload: { errorType: string; errorMessage: string };
}

export type AsyncOutcome =
  | { ok: true; attempts: number; result: unknown }
  | { ok: false; attempts: number; error: string };

/** Lambda's MaximumRetryAttempts for every job (tenant-stack.ts JOB_ASYNC_RETRIES). */
export const ASYNC_RETRIES = 2;

let requestSeq = 0;

export async function invokeAsync(opts: {
  invoke: (event: unknown) => Promise<unknown>;
  event: unknown;
  functionArn: string;
  onFailure: LocalQueue;
  retryDelayMs: number;
}): Promise<AsyncOutcome> {
  let error = '';
  for (let attempt = 1; attempt <= ASYNC_RETRIES + 1; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, opts.retryDelayMs * (attempt - 1)));
    try {
      return { ok: true, attempts: attempt, result: await opts.invoke(opts.event) };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  requestSeq += 1;
  const record: OnFailureRecord = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: `local-async-${requestSeq}`,
      functionArn: `${opts.functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: ASYNC_RETRIES + 1,
    },
    requestPayload: opts.event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: error },
  };
  opts.onFailure.send(JSON.stringify(record));
  return { ok: false, attempts: ASYNC_RETRIES + 1, error };
}
