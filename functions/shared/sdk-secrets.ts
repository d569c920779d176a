// The part of the Secrets Manager SDK we use, for clients.ts to import on first use (only in AWS, where the keys are
// read from their secrets at cold start): the local stack and tests never load it.
export { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
