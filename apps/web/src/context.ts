import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client.js';
import type { SignedInUser, WebConfig } from './api/types.js';
import type { Language, Translate } from './i18n/i18n.js';

/** What every screen needs: the API, who is signed in, the server's settings and the user's language. */
export interface AppContextValue {
  api: ApiClient;
  user: SignedInUser;
  config: WebConfig;
  language: Language;
  t: Translate;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in page');
  return value;
}
