import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client.js';
import type { ApiProblem } from '../api/problem.js';
import type { LoginReply, WebConfig } from '../api/types.js';
import { LanguagePicker } from '../components/language-picker.js';
import { Logo } from '../components/logo.js';
import { translate, type Language } from '../i18n/i18n.js';

/** Why a sign-in failed, in words for the person at the keyboard. */
function refusal(problem: ApiProblem, language: Language): string {
  // A collector's password is right but the server wants a phone: the web page is not for collectors.
  if (problem.errors.some((error) => error.field === 'deviceId')) return translate(language, 'signIn.collector');
  if (problem.status === 401) return translate(language, 'signIn.wrong');
  if (problem.status === 429) return translate(language, 'signIn.throttled');
  if (problem.status === 0) return translate(language, 'error.network');
  return problem.message;
}

interface SignInProps {
  language: Language;
  onLanguage: (language: Language) => void;
  config: WebConfig;
  notice: string | null;
  onSignedIn: (reply: LoginReply) => void;
}

export function SignIn({ language, onLanguage, config, notice, onSignedIn }: SignInProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const reply = await new ApiClient().json<LoginReply>('/auth/login', {
        method: 'POST',
        json: {
          username: String(form.get('username') ?? '')
            .trim()
            .toLowerCase(),
          password: String(form.get('password') ?? ''),
        },
      });
      if (reply.user.role === 'collector') setError(t('signIn.collector'));
      else onSignedIn(reply);
    } catch (problem) {
      setError(refusal(problem as ApiProblem, language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <Logo url={config.logoUrl} alt={t('logo.alt')} />
        <h1 id="sign-in-title">{t('app.title')}</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label>
          <span>{t('signIn.username')}</span>
          <input name="username" autocomplete="username" required autofocus autocapitalize="none" spellcheck={false} />
        </label>
        <label>
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p class="problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <LanguagePicker language={language} onLanguage={onLanguage} />
      </form>
    </main>
  );
}
