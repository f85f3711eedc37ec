/**
 * The session ended behind the page's back (signed out in another tab, expired, the account
 * closed): the socket and the API client say so here, and the signed-in frame of the app sends
 * the person to the sign-in page.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export const signedOut = {
  notify(): void {
    listeners.forEach((listener) => listener());
  },
  /** Call ``listener`` whenever the session is found ended; returns the way to stop. */
  listen(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
