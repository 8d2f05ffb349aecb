import { useEffect, useState } from 'react';
import { ProblemError, get, request, type Me } from './api';

/** Who is signed in: the profile behind the gateway's session, null when signed out, undefined while asking. */
export function useMe(): Me | null | undefined {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    get<Me>('/api/v1/identity/me', abort.signal)
      .then(setMe)
      .catch((e) => {
        if (!abort.signal.aborted) setMe(e instanceof ProblemError ? null : null);
      });
    return () => abort.abort();
  }, []);
  return me;
}

/** Ends the session at the gateway (which revokes its refresh token) and goes back to the marketplace. */
export async function signOut(): Promise<void> {
  try {
    await request('POST', '/logout');
  } finally {
    window.location.assign('/');
  }
}

/** Signing in is a navigation: /console needs a session, so the gateway runs the login and comes back. */
export const SIGN_IN_HREF = '/console';
