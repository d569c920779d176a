// The thin repository layer over lib-dynamodb: typed get/put/query/transact, items parsed with zod on read.
// Repositories in functions/domain/<context>/repository.ts build on this; keys come from functions/domain/keys.ts.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Key } from '../domain/keys.js';
import { epochSeconds } from './clock.js';
import { conflict } from './errors.js';
import type * as z from './zod.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Item = Record<string, unknown>;
/** An UpdateItem that only happens when `condition` holds. */
type ConditionalUpdate = {
  update: string;
  condition: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
};

/** Emulators do not expire TTL items, and DynamoDB deletes them lazily: reads filter on expiresAt too. */
const isLive = (item: Item | undefined, nowS = epochSeconds()) =>
  item !== undefined && (typeof item.expiresAt !== 'number' || item.expiresAt > nowS);

/** One command as an interceptor sees it: the command's name (e.g. "GetItemCommand"... as the SDK names it) and input. */
export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}
export type Interceptor = (command: SentCommand, send: () => Promise<unknown>) => Promise<unknown>;

export class Db {
  private interceptors = 0;

  constructor(
    /** Private: every read and write goes through a method here (tests/support/table.ts for raw test access). */
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /**
   * Wraps every command this Db sends (once per command, not per SDK retry): `send` sends it on. For counting and
   * timing requests (tests, benchmarks) and for injecting faults (throw instead of sending). Returns the undo.
   */
  intercept(interceptor: Interceptor): () => void {
    const name = `intercept-${++this.interceptors}`;
    this.client.middlewareStack.add(
      (next, context) => (args) =>
        interceptor({ name: String(context.commandName), input: args.input as Record<string, unknown> }, () =>
          next(args),
        ) as ReturnType<typeof next>,
      { step: 'initialize', name },
    );
    return () => void this.client.middlewareStack.remove(name);
  }

  async get<S extends z.ZodMiniType>(
    key: Key,
    schema: S,
    opts: { consistent?: boolean } = {},
  ): Promise<z.infer<S> | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: opts.consistent ?? false }),
    );
    return isLive(out.Item) ? schema.parse(out.Item) : undefined;
  }

  /**
   * Put; with ifAbsent the write only happens when the key is new, with `condition` only when it holds (returns false
   * otherwise).
   */
  async put(
    item: Item & Key,
    opts: { ifAbsent?: boolean; condition?: { expression: string; values: Record<string, unknown> } } = {},
  ): Promise<boolean> {
    const condition = opts.ifAbsent
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : opts.condition
        ? { ConditionExpression: opts.condition.expression, ExpressionAttributeValues: opts.condition.values }
        : {};
    const put = new PutCommand({ TableName: this.tableName, Item: item, ...condition });
    return this.conditionHeld(() => this.client.send(put));
  }

  /** Optimistic concurrency: replaces the item only if its stored version equals expectedVersion. */
  async putVersioned(item: Item & Key & { version: number }, expectedVersion: number | null): Promise<void> {
    const put = new PutCommand({
      TableName: this.tableName,
      Item: item,
      ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : '#v = :v',
      ...(expectedVersion === null
        ? {}
        : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
    });
    const written = await this.conditionHeld(() => this.client.send(put));
    if (!written)
      throw conflict(
        'This was changed somewhere else (another tab or device). Reload to see the latest version.',
        'version_conflict',
      );
  }

  async delete(key: Key): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  /** Query one partition (optionally by sort-key prefix), following pages up to `limit` items. */
  async query<S extends z.ZodMiniType>(
    params: {
      pk: string;
      skPrefix?: string;
      skBelow?: string;
      skFrom?: string;
      index?: string;
      limit?: number;
      newestFirst?: boolean;
    },
    schema: S,
  ): Promise<z.infer<S>[]> {
    const pkName = params.index ? `${params.index}pk` : 'pk';
    const skName = params.index ? `${params.index}sk` : 'sk';
    const items: z.infer<S>[] = [];
    let startKey: Record<string, unknown> | undefined;
    const nowS = epochSeconds();
    const sk = params.skPrefix || params.skBelow || params.skFrom || undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: params.index,
          KeyConditionExpression: params.skPrefix
            ? '#pk = :pk AND begins_with(#sk, :sk)'
            : params.skBelow
              ? '#pk = :pk AND #sk < :sk'
              : params.skFrom
                ? '#pk = :pk AND #sk >= :sk'
                : '#pk = :pk',
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

  /** Every item of one partition (optionally of an index), one page (≤ 1 MB) at a time, for work done page by page. */
  async *queryPages<S extends z.ZodMiniType>(
    params: { pk: string; index?: string },
    schema: S,
  ): AsyncGenerator<z.infer<S>[]> {
    const pkName = params.index ? `${params.index}pk` : 'pk';
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: params.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': pkName },
          ExpressionAttributeValues: { ':pk': params.pk },
          ExclusiveStartKey: startKey,
        }),
      );
      const nowS = epochSeconds();
      const page = (out.Items ?? []).filter((raw) => isLive(raw, nowS)).map((raw) => schema.parse(raw) as z.infer<S>);
      if (page.length) yield page;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  /** BatchGetItem for any number of keys (100 per call, unprocessed keys retried). Missing and expired items are absent. */
  async batchGet(wanted: Key[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(wanted.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    const nowS = epochSeconds();
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 100)
        .map((k) => ({ pk: k.pk, sk: k.sk }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          if (isLive(item, nowS)) found.set(`${item.pk}|${item.sk}`, item);
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
        if (pending?.length) {
          if (attempt > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        }
      }
    }
    return found;
  }

  /** Deletes any number of keys, 25 per BatchWriteItem, retrying anything DynamoDB left unprocessed (throttling). */
  async batchDelete(targets: Key[]): Promise<void> {
    for (let i = 0; i < targets.length; i += 25) {
      let requests = targets.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) {
          if (attempt > 8) throw new Error('BatchWrite kept leaving items unprocessed');
          await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
        }
        const out = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /** Conditional delete; returns false when the condition failed (nothing deleted). */
  async deleteIf(
    key: Key,
    u: { condition: string; names?: Record<string, string>; values: Record<string, unknown> },
  ): Promise<boolean> {
    const del = new DeleteCommand({
      TableName: this.tableName,
      Key: key,
      ConditionExpression: u.condition,
      ...expressionParts(u),
    });
    return this.conditionHeld(() => this.client.send(del));
  }

  /** Unconditional UpdateItem (creates the item if absent). */
  async update(
    key: Key,
    u: { update: string; names?: Record<string, string>; values?: Record<string, unknown> },
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: u.update, ...expressionParts(u) }),
    );
  }

  /** Conditional UpdateItem that returns the whole item as written, or undefined when the condition failed. */
  async updateIfReturning<S extends z.ZodMiniType>(
    key: Key,
    u: ConditionalUpdate,
    schema: S,
  ): Promise<z.infer<S> | undefined> {
    let written: Item | undefined;
    const update = this.conditionalUpdate(key, u, 'ALL_NEW');
    const held = await this.conditionHeld(async () => {
      written = (await this.client.send(update)).Attributes;
    });
    return held && written ? schema.parse(written) : undefined;
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
    return this.conditionHeld(() => this.client.send(new TransactWriteCommand({ TransactItems: items })));
  }

  /** Conditional UpdateItem; returns false when the condition failed (nothing changed). */
  async updateIf(key: Key, u: ConditionalUpdate): Promise<boolean> {
    const update = this.conditionalUpdate(key, u);
    return this.conditionHeld(() => this.client.send(update));
  }

  private conditionalUpdate(key: Key, u: ConditionalUpdate, returnValues?: 'ALL_NEW') {
    return new UpdateCommand({
      TableName: this.tableName,
      Key: key,
      UpdateExpression: u.update,
      ConditionExpression: u.condition,
      ...expressionParts(u),
      ...(returnValues ? { ReturnValues: returnValues } : {}),
    });
  }

  /** Atomic counter increment; returns the new value. */
  async increment(key: Key, attribute: string, by = 1, extra: Item = {}): Promise<number> {
    const extraNames = Object.keys(extra);
    const out = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `ADD #a :by${extraNames.length ? ` SET ${extraNames.map((_, i) => `#e${i} = :e${i}`).join(', ')}` : ''}`,
        ExpressionAttributeNames: { '#a': attribute, ...Object.fromEntries(extraNames.map((n, i) => [`#e${i}`, n])) },
        ExpressionAttributeValues: { ':by': by, ...Object.fromEntries(extraNames.map((n, i) => [`:e${i}`, extra[n]])) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.[attribute] ?? 0);
  }

  /**
   * Sends a write that may carry a condition: true when it was written, false when its condition failed.
   * Every conditional write goes through here, so "condition failed" is told apart from real errors in one place.
   */
  private async conditionHeld(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (err) {
      if (isConditionalFailure(err)) return false;
      throw err;
    }
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
      Delete: {
        TableName: this.tableName,
        Key: key,
        ...(opts.ifExists ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
      },
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

/** Optional ExpressionAttributeNames/Values, left out when empty (DynamoDB rejects empty maps). */
function expressionParts(u: { names?: Record<string, string>; values?: Record<string, unknown> }) {
  return {
    ...(u.names ? { ExpressionAttributeNames: u.names } : {}),
    ...(u.values ? { ExpressionAttributeValues: u.values } : {}),
  };
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
