// The local server serves the built web app as CloudFront does: brotli or gzip for text files the browser accepts,
// the raw file otherwise, with the same security headers and cache rules. (npm test builds web/dist first.)

import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

/** A raw GET (node:http does not decompress), so the test sees exactly what went over the wire. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

const dist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const mainScript = () => /src="\.\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(`${dist}index.html`, 'utf8'))![1]!;

describe('static files', () => {
  it('sends brotli when the browser accepts it, gzip when only that is accepted, and the raw file otherwise', async () => {
    const file = mainScript();
    const raw = readFileSync(`${dist}${file}`);
    const url = `${stack.tenantUrl('demo')}/${file}`;

    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);
    expect(br.body.length).toBeLessThan(raw.length / 2);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(raw)).toBe(true);

    const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(raw)).toBe(true);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('leaves files under 1 KB and images as they are', async () => {
    const favicon = await get(`${stack.tenantUrl('demo')}/favicon.svg`, { 'accept-encoding': 'br' });
    expect(favicon.status).toBe(200);
    expect(favicon.headers['content-encoding']).toBeUndefined();
    expect(favicon.body.equals(readFileSync(`${dist}favicon.svg`))).toBe(true);
  });
});
