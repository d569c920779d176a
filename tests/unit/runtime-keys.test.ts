// Keys read from Secrets Manager at cold start (functions/shared/runtime.ts + config.ts): the keys are never in the
// function's environment in AWS, are read once per instance, read again after KEYS_MAX_AGE_MS so a rotation reaches
// warm instances, and a failed re-read keeps the keys the instance has. The reader is injected (there is no local
// Secrets Manager); everything else is the real loader.
import { describe, expect, it } from 'vitest';
import { resolveKeySecrets } from '../../functions/shared/config.js';
import { keyEnv, newTenantKeys, rotateSigningKeys } from '../../functions/shared/keyring.js';
import { KEYS_MAX_AGE_MS, runtimeLoader } from '../../functions/shared/runtime.js';

const keys = newTenantKeys('k1');
const plain = {
  TENANT_ID: 'acme',
  TABLE_NAME: 'unit-none',
  TENANT_CONFIG: JSON.stringify({
    slug: 'acme',
    name: 'Acme',
    adminEmails: ['hr@acme.example'],
    coachEmails: ['c@respite.example'],
  }),
  APP_URL: 'https://acme.respite.example',
  EMAIL_FROM: 'no-reply@respite.example',
};
const fromSecrets = {
  ...plain,
  PSEUDONYM_KEY_SECRET: 'arn:aws:secretsmanager:eu-west-1:1:secret:p',
  SIGNING_KEYS_SECRET: 'arn:aws:secretsmanager:eu-west-1:1:secret:s',
};

/** A secret store the test can change (a rotation) or break (an outage), counting reads. */
function secretStore(initial: Record<string, string>) {
  const values = { ...initial };
  const store = { values, reads: 0, down: false, readers: 0 };
  const read = async (id: string) => {
    store.reads++;
    if (store.down) throw Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' });
    const v = values[id];
    if (v === undefined) throw new Error(`no secret ${id}`);
    return v;
  };
  return {
    store,
    reader: async () => {
      store.readers++;
      return read;
    },
  };
}

const secretValues = (k = keys) => ({
  [fromSecrets.PSEUDONYM_KEY_SECRET]: k.pseudonymKey,
  [fromSecrets.SIGNING_KEYS_SECRET]: JSON.stringify(k.signingKeys),
});

describe('resolveKeySecrets', () => {
  it('fills each key from the secret its *_SECRET variable names', async () => {
    const { reader } = secretStore(secretValues());
    const env = await resolveKeySecrets(fromSecrets, await reader());
    expect(env).toMatchObject(keyEnv(keys));
  });

  it('leaves an environment that carries the keys itself (local stack, tests) as it is', async () => {
    const { store, reader } = secretStore({});
    const env = { ...plain, ...keyEnv(keys) };
    expect(await resolveKeySecrets(env, await reader())).toEqual(env);
    expect(store.reads).toBe(0);
  });

  it.each(['PSEUDONYM_KEY', 'SIGNING_KEYS'] as const)('refuses %s given both ways, naming it', async (name) => {
    const { reader } = secretStore(secretValues());
    await expect(resolveKeySecrets({ ...fromSecrets, [name]: keyEnv(keys)[name] }, await reader())).rejects.toThrow(
      new RegExp(`^Invalid function environment: ${name}: set either`),
    );
  });
});

describe('runtimeLoader with keys in Secrets Manager', () => {
  const loaderOver = (store: ReturnType<typeof secretStore>) => {
    let now = 1_000;
    const loader = runtimeLoader({ env: fromSecrets, secretReader: store.reader, nowMs: () => now });
    return { loader, advance: (ms: number) => (now += ms) };
  };

  it('reads both secrets once at cold start, even for concurrent first requests', async () => {
    const s = secretStore(secretValues());
    const { loader } = loaderOver(s);
    const [a, b, c] = await Promise.all([loader.get(), loader.get(), loader.get()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(s.store.reads).toBe(2);
    expect(s.store.readers).toBe(1);
    expect(a.config.keys.currentKid).toBe('k1');
    expect(a.config.keys.pseudonym('email', 'x@example.com')).toBe(
      (await loaderOver(secretStore(secretValues())).loader.get()).config.keys.pseudonym('email', 'x@example.com'),
    );
  });

  it('serves from memory within KEYS_MAX_AGE_MS, and picks up a rotated keyring after it', async () => {
    const s = secretStore(secretValues());
    const { loader, advance } = loaderOver(s);
    const first = await loader.get();
    advance(KEYS_MAX_AGE_MS - 1);
    s.store.values[fromSecrets.SIGNING_KEYS_SECRET] = JSON.stringify(rotateSigningKeys(keys.signingKeys, 'k2'));
    expect((await loader.get()).config.keys.currentKid).toBe('k1');
    expect(s.store.reads).toBe(2);
    advance(2);
    const after = await loader.get();
    expect(s.store.reads).toBe(4);
    expect(after.config.keys.currentKid).toBe('k2');
    expect(after.config.keys.kids).toEqual(['k2', 'k1']);
    expect(after.db).toBe(first.db); // the table client survives a key refresh
  });

  it('keeps the keys it has when a re-read fails, and tries again after another KEYS_MAX_AGE_MS', async () => {
    const s = secretStore(secretValues());
    const { loader, advance } = loaderOver(s);
    const first = await loader.get();
    s.store.down = true;
    advance(KEYS_MAX_AGE_MS + 1);
    expect(await loader.get()).toBe(first);
    const readsAfterOutage = s.store.reads;
    expect(await loader.get()).toBe(first);
    expect(s.store.reads).toBe(readsAfterOutage); // not hammering Secrets Manager on every request
    s.store.down = false;
    s.store.values[fromSecrets.SIGNING_KEYS_SECRET] = JSON.stringify(rotateSigningKeys(keys.signingKeys, 'k2'));
    advance(KEYS_MAX_AGE_MS + 1);
    expect((await loader.get()).config.keys.currentKid).toBe('k2');
  });

  it('fails the cold start when the secrets cannot be read (no keys, no requests)', async () => {
    const s = secretStore(secretValues());
    s.store.down = true;
    await expect(loaderOver(s).loader.get()).rejects.toThrow('unavailable');
  });
});

describe('runtimeLoader with keys in the environment', () => {
  it('never makes a secret reader and never reloads', async () => {
    const s = secretStore({});
    let now = 0;
    const loader = runtimeLoader({ env: { ...plain, ...keyEnv(keys) }, secretReader: s.reader, nowMs: () => now });
    const first = await loader.get();
    now += KEYS_MAX_AGE_MS * 10;
    expect(await loader.get()).toBe(first);
    expect(s.store.readers).toBe(0);
  });
});
