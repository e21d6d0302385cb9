import { useMemo, useRef } from 'react';

/** An Idempotency-Key the API accepts (1–255 printable ASCII characters): a UUID. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per thing submitted: sending the same content again (a retry after
 * a lost answer, a double click) reuses the key, so the API creates it once;
 * changed content after a refusal is a new request with a new key.
 */
export function useIdempotencyKey() {
  const last = useRef<{ fingerprint: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(content: unknown): string {
        const fingerprint = JSON.stringify(content ?? null);
        if (last.current?.fingerprint !== fingerprint) last.current = { fingerprint, key: newIdempotencyKey() };
        return last.current.key;
      },
      /** After a success: the next submission is a new request. */
      done() {
        last.current = null;
      },
    }),
    [],
  );
}
