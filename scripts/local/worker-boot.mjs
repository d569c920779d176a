// Worker-thread entry: registers tsx so the tenant worker (TypeScript) and the real handlers load as they are.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
