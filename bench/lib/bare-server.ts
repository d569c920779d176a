// Child process: the "bare" comparison for the API-overhead benchmark. A plain node:http handler that does the same
// single DynamoDB GetItem (same SDK client settings) as GET /api/account/me and returns the item as JSON.
import { createServer } from 'node:http';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../functions/shared/clients.js';

const e = process.env;
const client = makeDocumentClient({ region: 'eu-west-1', ddbEndpoint: e.BENCH_DDB });
const Key = { pk: e.BENCH_PK!, sk: e.BENCH_SK! };
const server = createServer(async (_req, res) => {
  try {
    const out = await client.send(new GetCommand({ TableName: e.BENCH_TABLE, Key }));
    const p = out.Item ?? {};
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({ role: p.role, email: p.email, departmentId: p.departmentId ?? null, joinedAt: p.createdAt }),
    );
  } catch {
    res.writeHead(500);
    res.end();
  }
});
server.keepAliveTimeout = 5_000;
server.listen(Number(e.BENCH_PORT), '127.0.0.1', () => console.log(`READY http://127.0.0.1:${e.BENCH_PORT}`));
const stop = () => server.close(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
