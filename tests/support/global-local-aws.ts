// Global setup for integration and e2e: one DynamoDB Local (Java, in memory) and one aws-ses-v2-local on free ports.

import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { JAVA_MISSING_HELP, javaAvailable, startDynamoDbLocal, waitForHttp } from '../../scripts/local/dynamodb.js';
import { freePort } from '../../scripts/local/ports.js';
import { startSesLocal } from '../../scripts/local/ses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    sesEndpoint: string;
  }
}

export { freePort };

export default async function setup(project: TestProject) {
  if (!javaAvailable()) throw new Error(JAVA_MISSING_HELP);
  const ddbPort = await freePort();
  const ddb = startDynamoDbLocal(ddbPort);
  const sesPort = await freePort();
  const ses = await startSesLocal(sesPort);
  const ddbEndpoint = `http://127.0.0.1:${ddbPort}`;
  await waitForHttp(ddbEndpoint);
  project.provide('ddbEndpoint', ddbEndpoint);
  project.provide('sesEndpoint', `http://127.0.0.1:${sesPort}`);
  return async () => {
    ses.close();
    ddb.kill('SIGTERM');
  };
}
