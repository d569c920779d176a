// Bench-only entry (bench/bundles.ts → bench/cold-start.ts): what reading the keys from Secrets Manager adds to an
// AWS cold start, short of the network — the SDK slice functions/shared/sdk-secrets.ts evaluated and its client made.
// Measured on its own, so the SDK core it shares with the DynamoDB client is counted here too: an upper bound. The two
// GetSecretValue round trips (in parallel, once per instance and then every 5 minutes) need AWS and are not measured.
const { SecretsManagerClient } = await import('../../functions/shared/sdk-secrets.js');
new SecretsManagerClient({ region: 'eu-west-1' });

export const handler = async () => undefined;
