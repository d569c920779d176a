// The person's Web Push subscriptions: one item per browser that turned reminder notifications on, in their own
// partition (so the data export lists them and account deletion removes them), plus a count item. Adding one is a
// single transaction whose count condition caps the devices at MAX_PUSH_DEVICES; removing one lowers the count in the
// same transaction. Both are idempotent: the same browser subscribing twice is one item, removing twice is a no-op.
// Push reminders are sent by delivery/push.ts; an endpoint the push service calls gone (404/410) is removed there.

import { sha256 } from '../../shared/crypto.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';

export const MAX_PUSH_DEVICES = 5;

/**
 * Push services of the browsers we support. A subscription names the URL our functions will POST to, so only these
 * hosts are accepted (no request to an address of the person's choosing). The local stack also accepts http on
 * loopback, for the test's own push endpoint.
 */
const PUSH_HOST_SUFFIXES = ['.googleapis.com', '.mozilla.com', '.notify.windows.com', '.push.apple.com'];

const B64URL = /^[A-Za-z0-9_-]+$/;
export const PushSubscriptionInput = z.strictObject({
  endpoint: z.string().check(z.minLength(10), z.maxLength(1000)),
  /** What PushSubscription.toJSON() gives; ignored (push services say when an endpoint is gone). */
  expirationTime: z.optional(z.nullable(z.number())),
  keys: z.strictObject({
    // 65-byte uncompressed P-256 point and 16-byte auth secret, base64url without padding.
    p256dh: z.string().check(z.length(87, 'must be 87 characters (a P-256 public key)'), z.regex(B64URL)),
    auth: z.string().check(z.length(22, 'must be 22 characters (a 16-byte secret)'), z.regex(B64URL)),
  }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

export const PushSubscriptionItem = z.object({
  pk: z.string(),
  sk: z.string(),
  endpoint: z.string(),
  keys: z.object({ p256dh: z.string(), auth: z.string() }),
  createdAt: z.string(),
});
export type PushSubscriptionItem = z.infer<typeof PushSubscriptionItem>;

const PushCount = z.object({ devices: z._default(z.int(), 0) });

export interface PushView {
  /** The VAPID public key browsers subscribe with. */
  publicKey: string;
  /** How many devices get reminder notifications. */
  devices: number;
}

function checkEndpoint(rt: Runtime, endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badRequest('The push endpoint is not a web address.', [{ field: 'body.endpoint', message: 'is not a URL' }]);
  }
  const local =
    !!rt.config.ddbEndpoint && url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname);
  const known = url.protocol === 'https:' && PUSH_HOST_SUFFIXES.some((s) => `.${url.hostname}`.endsWith(s));
  if (!local && !known)
    throw badRequest('This browser’s push service is not one we can send to.', [
      { field: 'body.endpoint', message: 'must be the address of a known browser push service' },
    ]);
}

const subscriptionKey = (userId: string, endpoint: string) => keys.pushSubscription(userId, sha256(endpoint));

export async function listSubscriptions(rt: Runtime, userId: string): Promise<PushSubscriptionItem[]> {
  const p = keys.pushSubscriptionPrefix(userId);
  return rt.db.query({ pk: p.pk, skPrefix: p.skPrefix }, PushSubscriptionItem);
}

export async function readPush(rt: Runtime, userId: string): Promise<PushView> {
  const count = await rt.db.get(keys.pushCount(userId), PushCount, { consistent: true });
  return { publicKey: rt.config.vapid.publicKey, devices: count?.devices ?? 0 };
}

/** Adds (or refreshes) this browser's subscription. At most MAX_PUSH_DEVICES, held by the count's condition. */
export async function addSubscription(
  rt: Runtime,
  userId: string,
  input: PushSubscriptionInput,
  now: Date,
): Promise<PushView> {
  checkEndpoint(rt, input.endpoint);
  const key = subscriptionKey(userId, input.endpoint);
  const item: PushSubscriptionItem = {
    ...key,
    endpoint: input.endpoint,
    keys: input.keys,
    createdAt: now.toISOString(),
  };
  // Already there (the browser subscribed again): refresh its keys, the count stays.
  const refreshed = await rt.db.updateIf(key, {
    update: 'SET #k = :keys',
    condition: 'attribute_exists(pk)',
    names: { '#k': 'keys' },
    values: { ':keys': input.keys },
  });
  if (refreshed) return readPush(rt, userId);
  const added = await rt.db.transact([
    rt.db.txPut(item, { ifAbsent: true }),
    {
      Update: {
        TableName: rt.db.tableName,
        Key: keys.pushCount(userId),
        UpdateExpression: 'ADD devices :one',
        ConditionExpression: 'attribute_not_exists(devices) OR devices < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_PUSH_DEVICES },
      },
    },
  ]);
  if (!added && !(await rt.db.get(key, PushSubscriptionItem, { consistent: true })))
    throw new AppError(
      409,
      'too_many_devices',
      `Notifications can be on for at most ${MAX_PUSH_DEVICES} devices. Turn them off on one you no longer use.`,
    );
  return readPush(rt, userId);
}

/** Removes one subscription by its endpoint (the browser turned push off, or the push service said it is gone). */
export async function removeSubscription(rt: Runtime, userId: string, endpoint: string): Promise<PushView> {
  await rt.db.transact([
    rt.db.txDelete(subscriptionKey(userId, endpoint), { ifExists: true }),
    rt.db.txIncrement(keys.pushCount(userId), 'devices', -1),
  ]); // false: already gone, nothing changed
  return readPush(rt, userId);
}
