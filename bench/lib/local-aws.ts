// DynamoDB Local (Java, in memory) and aws-ses-v2-local on free ports, for one benchmark run.

import { startDynamoDbLocal, waitForHttp } from '../../scripts/local/dynamodb.js';
import { freePort } from '../../scripts/local/ports.js';
import { startSesLocal } from '../../scripts/local/ses.js';

export { freePort };

export interface LocalAws {
  ddbEndpoint: string;
  sesEndpoint: string;
  stop: () => void;
}

export async function startLocalAws(): Promise<LocalAws> {
  const ddbPort = await freePort();
  const ddb = startDynamoDbLocal(ddbPort);
  ddb.stdout?.resume();
  ddb.stderr?.resume();
  const sesPort = await freePort();
  const ses = await startSesLocal(sesPort);
  const ddbEndpoint = `http://127.0.0.1:${ddbPort}`;
  await waitForHttp(ddbEndpoint, 60_000);
  return {
    ddbEndpoint,
    sesEndpoint: `http://127.0.0.1:${sesPort}`,
    stop: () => {
      ses.close();
      ddb.kill('SIGTERM');
    },
  };
}
