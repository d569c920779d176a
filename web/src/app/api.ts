// The one API client. Paths are relative ("api/…") so the same build works at /t/<slug>/ and at a domain root.
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
  /** The message for one field, e.g. fieldError('email') matches "body.email". */
  fieldError(name: string): string | undefined {
    return this.fields.find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message;
  }
}

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();
/** The session layer listens so a 401 anywhere returns the person to sign-in. */
export const onUnauthorised = (l: Listener) => {
  unauthorisedListeners.add(l);
  return () => unauthorisedListeners.delete(l);
};

let lastAnsweredAtMs = Date.now();
/**
 * When the server last answered (any status but 401). Every answered request extends a signed-in session's idle
 * timeout on the server, so the session-timeout warning counts from here.
 */
export const lastAnsweredAt = () => lastAnsweredAtMs;

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`api/${path.replace(/^\/?(api\/)?/, '')}`, {
      method,
      signal,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'We could not reach Respite. Check your connection; nothing you typed has been lost.',
    );
  }
  if (res.status !== 401) lastAnsweredAtMs = Date.now();
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; fields?: FieldProblem[] } } | undefined)?.error;
    if (res.status === 401) for (const l of unauthorisedListeners) l();
    throw new ApiError(
      res.status,
      err?.code ?? 'error',
      err?.message ?? 'Something went wrong. Please try again.',
      err?.fields ?? [],
    );
  }
  return data as T;
}

/** What a write answers when the service worker kept it on this device to send once back online (web/public/sw.js). */
export interface Queued {
  queued: true;
}
export const isQueued = (v: unknown): v is Queued => (v as Queued | undefined)?.queued === true;

export const api = {
  /** `signal` aborts the request (useApi does, when a newer request replaces it or the page goes away). */
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** URL for downloads (CSV, .ics, exports): same relative base. */
  url: (path: string) => `api/${path.replace(/^\/?(api\/)?/, '')}`,
};
