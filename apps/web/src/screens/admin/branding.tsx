import { useState } from 'preact/hooks';
import { useApp } from '../../context.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useAction } from './use-action.js';

/** The company logo: uploaded once, served by the media service to this page and to the phones. */
export function Branding() {
  const { api, t } = useApp();
  const action = useAction();
  const [version, setVersion] = useState(0);
  const [missing, setMissing] = useState(false);

  const upload = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const body = new FormData();
    body.append('file', form.get('file') as File);
    if (await action.run(() => api.json('/admin/branding/logo', { method: 'PUT', form: body }))) {
      formElement.reset();
      setMissing(false);
      setVersion((current) => current + 1);
    }
  };

  return (
    <>
      <h2>{t('branding.current')}</h2>
      {missing ? (
        <p>{t('branding.none')}</p>
      ) : (
        <img class="logo-preview" src={`/api/v1/branding/logo?v=${version}`} alt={t('logo.alt')} onError={() => setMissing(true)} />
      )}
      <form class="panel grid-form" onSubmit={upload}>
        <label>
          <span>{t('branding.file')}</span>
          <input type="file" name="file" accept="image/png,image/jpeg,image/webp" required />
        </label>
        <button type="submit" disabled={action.busy}>
          {t('branding.upload')}
        </button>
      </form>
      <ProblemMessage problem={action.problem} />
      {action.done && <p role="status">{t('admin.saved')}</p>}
    </>
  );
}
