// SDK clients, created once per process from the config.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AppConfig } from './config.js';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function makeDocumentClient(cfg: Pick<AppConfig, 'region' | 'ddbEndpoint'>): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.ddbEndpoint ? { endpoint: cfg.ddbEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: 3,
  });
  // Keys and attributes are stored exactly as written; undefined optional fields are dropped.
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function makeSesClient(cfg: Pick<AppConfig, 'region' | 'sesEndpoint'>): SESv2Client {
  return new SESv2Client({
    region: cfg.region,
    ...(cfg.sesEndpoint ? { endpoint: cfg.sesEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
}
