// Worker-thread entry: registers tsx so the tenant worker (TypeScript) and the real handlers load as they are.

import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
