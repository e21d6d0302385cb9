import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from './errors';
import { useIdempotencyKey } from './idempotency';

/**
 * A form's submission to the API: created once however often it is sent (the
 * same content keeps its Idempotency-Key; a success starts a new one), and
 * when the API refuses it the reason is kept for the form to show until the
 * next try. `refusalOf` may mark the refused fields and word the reason.
 */
export function useSubmission<B, R>({
  send,
  sent,
  refusalOf = messageOf,
}: {
  send: (body: B, idempotencyKey: string) => Promise<R>;
  sent: (result: R) => void;
  refusalOf?: (error: unknown) => string;
}) {
  const idempotency = useIdempotencyKey();
  const [refusal, setRefusal] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: B) => send(body, idempotency.keyFor(body)),
    onSuccess: (result) => {
      idempotency.done();
      sent(result);
    },
    onError: (error) => setRefusal(refusalOf(error)),
  });
  const submit = (body: B) => {
    setRefusal(null);
    mutation.mutate(body);
  };
  return { submit, pending: mutation.isPending, refusal, refuse: setRefusal };
}
