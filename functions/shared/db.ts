// The thin repository layer over lib-dynamodb: typed get/put/query/transact, items parsed with zod on read.
// Repositories in functions/domain/<context>/repository.ts build on this; keys come from functions/domain/keys.ts.
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type * as z from './zod.js';
import { epochSeconds } from './clock.js';
import { conflict } from './errors.js';
import type { Key } from '../domain/keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Item = Record<string, unknown>;

/** Emulators do not expire TTL items, and DynamoDB deletes them lazily: reads filter on expiresAt too. */
const isLive = (item: Item | undefined, nowS = epochSeconds()) =>
  item !== undefined && (typeof item.expiresAt !== 'number' || item.expiresAt > nowS);

export class Db {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<S extends z.ZodMiniType>(key: Key, schema: S, opts: { consistent?: boolean } = {}): Promise<z.infer<S> | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: opts.consistent ?? false }),
    );
    return isLive(out.Item) ? schema.parse(out.Item) : undefined;
  }

  /** Put; with ifAbsent the write only happens when the key is new (returns false otherwise). */
  async put(item: Item & Key, opts: { ifAbsent?: boolean } = {}): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(opts.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
      return true;
    } catch (err) {
      if (opts.ifAbsent && isConditionalFailure(err)) return false;
      throw err;
    }
  }

  /** Optimistic concurrency: replaces the item only if its stored version equals expectedVersion. */
  async putVersioned(item: Item & Key & { version: number }, expectedVersion: number | null): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : '#v = :v',
          ...(expectedVersion === null
            ? {}
            : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      );
    } catch (err) {
      if (isConditionalFailure(err))
        throw conflict('This was changed somewhere else (another tab or device). Reload to see the latest version.', 'version_conflict');
      throw err;
    }
  }

  async delete(key: Key): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /** Query one partition (optionally by sort-key prefix), following pages up to `limit` items. */
  async query<S extends z.ZodMiniType>(
    params: { pk: string; skPrefix?: string; skBelow?: string; index?: string; limit?: number; newestFirst?: boolean },
    schema: S,
  ): Promise<z.infer<S>[]> {
    const pkName = params.index ? `${params.index}pk` : 'pk';
    const skName = params.index ? `${params.index}sk` : 'sk';
    const items: z.infer<S>[] = [];
    let startKey: Record<string, unknown> | undefined;
    const nowS = epochSeconds();
    const sk = params.skPrefix || params.skBelow || undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: params.index,
          KeyConditionExpression:
            params.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : params.skBelow ? '#pk = :pk AND #sk < :sk' : '#pk = :pk',
          ExpressionAttributeNames: sk !== undefined ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
          ExpressionAttributeValues: sk !== undefined ? { ':pk': params.pk, ':sk': sk } : { ':pk': params.pk },
          ScanIndexForward: !params.newestFirst,
          ExclusiveStartKey: startKey,
          ...(params.limit ? { Limit: params.limit - items.length } : {}),
        }),
      );
      for (const raw of out.Items ?? []) if (isLive(raw, nowS)) items.push(schema.parse(raw));
      startKey = out.LastEvaluatedKey;
    } while (startKey && (!params.limit || items.length < params.limit));
    return items;
  }

  /** Raw keys of every item in a partition (for deletion), paging through all of it. */
  async partitionKeys(pk: string): Promise<Key[]> {
    const keysFound: Key[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const it of out.Items ?? []) keysFound.push({ pk: String(it.pk), sk: String(it.sk) });
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return keysFound;
  }

  /** All-or-nothing write. Returns false when a condition failed (nothing was written). */
  async transact(items: TransactItem[]): Promise<boolean> {
    if (items.length === 0) return true;
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if (isConditionalFailure(err)) return false;
      throw err;
    }
  }

  /** Conditional UpdateItem; returns false when the condition failed (nothing changed). */
  async updateIf(key: Key, u: { update: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: u.update,
          ConditionExpression: u.condition,
          ...(u.names ? { ExpressionAttributeNames: u.names } : {}),
          ExpressionAttributeValues: u.values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalFailure(err)) return false;
      throw err;
    }
  }

  /** Atomic counter increment; returns the new value. */
  async increment(key: Key, attribute: string, by = 1, extra: Item = {}): Promise<number> {
    const extraNames = Object.keys(extra);
    const out = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression:
          `ADD #a :by` + (extraNames.length ? ' SET ' + extraNames.map((_, i) => `#e${i} = :e${i}`).join(', ') : ''),
        ExpressionAttributeNames: { '#a': attribute, ...Object.fromEntries(extraNames.map((n, i) => [`#e${i}`, n])) },
        ExpressionAttributeValues: { ':by': by, ...Object.fromEntries(extraNames.map((n, i) => [`:e${i}`, extra[n]])) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.[attribute] ?? 0);
  }

  // ---- builders for TransactWriteItems ----
  txPut(item: Item & Key, opts: { ifAbsent?: boolean } = {}): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ...(opts.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      },
    };
  }
  txDelete(key: Key, opts: { ifExists?: boolean } = {}): TransactItem {
    return {
      Delete: { TableName: this.tableName, Key: key, ...(opts.ifExists ? { ConditionExpression: 'attribute_exists(pk)' } : {}) },
    };
  }
  txIncrement(key: Key, attribute: string, by = 1): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD #a :by',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':by': by },
      },
    };
  }
}

export function isConditionalFailure(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}
