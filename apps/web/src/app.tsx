import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/client.js';
import type { ApiProblem } from './api/problem.js';
import type { LoginReply, WebConfig } from './api/types.js';
import { AppContext, type AppContextValue } from './context.js';
import { preferredLanguage, rememberLanguage, translate, type Language } from './i18n/i18n.js';
import { Shell } from './shell.js';
import { SignIn } from './screens/sign-in.js';
import { forgetSession, storedSession, storeSession, type Session } from './session.js';

const FALLBACK_CONFIG: WebConfig = { mapTileUrl: null, workTimeZone: 'Asia/Jakarta', logoUrl: null };

/** Signed out: the sign-in form. Signed in: the shell with the screens of the user's role. */
export function App() {
  const [language, setLanguage] = useState<Language>(() => preferredLanguage(localStorage, navigator.languages));
  const [config, setConfig] = useState<WebConfig>(FALLBACK_CONFIG);
  const [session, setSession] = useState<Session | null>(() => storedSession(localStorage));
  const [notice, setNotice] = useState<string | null>(null);
  const t = useMemo(() => (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(language, key, values), [language]);

  const endSession = (message: string | null): void => {
    forgetSession(localStorage);
    setSession(null);
    setNotice(message);
  };

  const api = useMemo(
    () => new ApiClient('/api/v1', (problem: ApiProblem) => endSession(translate(language, 'session.ended', { reason: problem.message }))),
    [language],
  );
  api.token = session?.token ?? null;

  useEffect(() => {
    new ApiClient().json<WebConfig>('/web/config').then(setConfig, () => undefined);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, 'app.title');
  }, [language]);

  // The page ends the session when the token does, without waiting for a refused request.
  useEffect(() => {
    if (!session) return undefined;
    const timer = setTimeout(() => endSession(translate(language, 'session.expired')), Math.max(0, Date.parse(session.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session, language]);

  const chooseLanguage = (next: Language): void => {
    rememberLanguage(localStorage, next);
    setLanguage(next);
  };

  if (!session) {
    return (
      <SignIn
        language={language}
        onLanguage={chooseLanguage}
        config={config}
        notice={notice}
        onSignedIn={(reply: LoginReply) => {
          setNotice(null);
          setSession(storeSession(localStorage, reply));
        }}
      />
    );
  }
  const value: AppContextValue = { api, user: session.user, config, language, t };
  return (
    <AppContext.Provider value={value}>
      <Shell onLanguage={chooseLanguage} onSignOut={() => endSession(null)} />
    </AppContext.Provider>
  );
}
