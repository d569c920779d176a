// Raw access to a test's table, for what a test checks but no function may do: Scan everything, read an item past
// the Db's TTL filter and schemas, write items as an older version of the code did. Functions only ever reach
// DynamoDB through the methods of Db (functions/shared/db.ts), whose client is private.
import { type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Key } from '../../functions/domain/keys.js';
import { makeDocumentClient } from '../../functions/shared/clients.js';
import type { Db, Item } from '../../functions/shared/db.js';

let shared: DynamoDBDocumentClient | undefined;

/** Every table in the tests lives in the one DynamoDB Local of the global setup. */
export function rawClient(): DynamoDBDocumentClient {
  shared ??= makeDocumentClient({ region: 'eu-west-1', ddbEndpoint: inject('ddbEndpoint') });
  return shared;
}

export interface RawTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The stored item as it is (no schema, no TTL filter), read consistently. */
  get: (key: Key) => Promise<Item | undefined>;
  /** A number attribute of an item (counters: "value"), 0 when the item or attribute is missing. */
  number: (key: Key, attribute?: string) => Promise<number>;
  /** Every item of the table (all pages), optionally filtered. */
  scan: (filter?: {
    expression: string;
    names?: Record<string, string>;
    values: Record<string, unknown>;
  }) => Promise<Item[]>;
  count: () => Promise<number>;
}

export function rawTable(db: Pick<Db, 'tableName'>): RawTable {
  const client = rawClient();
  const { tableName } = db;
  const get = async (key: Key) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const scan: RawTable['scan'] = async (filter) => {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ...(filter
            ? {
                FilterExpression: filter.expression,
                ExpressionAttributeValues: filter.values,
                ...(filter.names ? { ExpressionAttributeNames: filter.names } : {}),
              }
            : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };
  return {
    client,
    tableName,
    get,
    number: async (key, attribute = 'value') => Number((await get(key))?.[attribute] ?? 0),
    scan,
    count: async () => (await scan()).length,
  };
}
