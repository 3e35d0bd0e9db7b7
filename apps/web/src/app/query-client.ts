import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../api/auth';
import { isApiError } from '../api/client';

/** A 401 anywhere means the session ended: forget the user so the guard shows the login page. */
function onAnyError(error: unknown): void {
  if (isApiError(error) && error.status === 401) queryClient.setQueryData(authKeys.me, null);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (count, error) =>
        !(isApiError(error) && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});
