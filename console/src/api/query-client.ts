import { QueryClient } from '@tanstack/react-query';
import { isClientError } from './queries';

/** The one cache of what the API owns. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => count < 2 && !isClientError(error),
    },
  },
});
