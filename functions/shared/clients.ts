// SDK clients, created once per process from the config. The SES and SQS SDKs load on first use (dynamic import):
// most invocations never send an email, so their code is not evaluated at cold start.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

export interface Ses {
  client: SESv2Client;
  SendEmailCommand: typeof SendEmailCommand;
}

export async function makeSesClient(cfg: Pick<AppConfig, 'region' | 'sesEndpoint'>): Promise<Ses> {
  const sdk = await import('./sdk-ses.js');
  const client = new sdk.SESv2Client({
    region: cfg.region,
    ...(cfg.sesEndpoint ? { endpoint: cfg.sesEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  return { client, SendEmailCommand: sdk.SendEmailCommand };
}

export interface Sqs {
  client: SQSClient;
  SendMessageBatchCommand: typeof SendMessageBatchCommand;
}

export async function makeSqsClient(cfg: Pick<AppConfig, 'region' | 'sqsEndpoint'>): Promise<Sqs> {
  const sdk = await import('./sdk-sqs.js');
  const client = new sdk.SQSClient({
    region: cfg.region,
    ...(cfg.sqsEndpoint ? { endpoint: cfg.sqsEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  return { client, SendMessageBatchCommand: sdk.SendMessageBatchCommand };
}

/** Reads a secret's string value from Secrets Manager (the SDK loads on first call). */
export async function makeSecretReader(cfg: { region: string }): Promise<(secretId: string) => Promise<string>> {
  const sdk = await import('./sdk-secrets.js');
  const client = new sdk.SecretsManagerClient({ region: cfg.region, maxAttempts: 3 });
  return async (secretId) => {
    const out = await client.send(new sdk.GetSecretValueCommand({ SecretId: secretId }));
    if (typeof out.SecretString !== 'string') throw new Error('A key secret has no string value');
    return out.SecretString;
  };
}
