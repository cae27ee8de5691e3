import type { ResultCode } from '../../api/types.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { useLoad } from '../../use-load.js';
import { useAction } from './use-action.js';

function requirementsOf(form: FormData): ResultCode['requires'] {
  return {
    payment: form.get('payment') === 'on',
    promise: form.get('promise') === 'on',
    gps: form.get('gps') === 'on',
    minPhotos: Number(form.get('minPhotos') ?? 0),
  };
}

function RequirementFields({ requires, label }: { requires?: ResultCode['requires']; label: string }) {
  const { t } = useApp();
  return (
    <>
      {(['payment', 'promise', 'gps'] as const).map((name) => (
        <label class="check" key={name}>
          <input type="checkbox" name={name} defaultChecked={requires?.[name] ?? false} aria-label={`${label}: ${t(`codes.${name}`)}`} />
          <span>{t(`codes.${name}`)}</span>
        </label>
      ))}
      <label>
        <span>{t('codes.minPhotos')}</span>
        <input
          type="number"
          name="minPhotos"
          min={0}
          max={10}
          required
          defaultValue={String(requires?.minPhotos ?? 1)}
          aria-label={`${label}: ${t('codes.minPhotos')}`}
        />
      </label>
    </>
  );
}

export function ResultCodes() {
  const { api, t } = useApp();
  const codes = useLoad(() => api.json<ResultCode[]>('/admin/result-codes'), []);
  const action = useAction();

  const create = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const body = { code: String(form.get('code') ?? '').trim(), label: String(form.get('label') ?? '').trim(), requires: requirementsOf(form) };
    if (await action.run(() => api.json('/admin/result-codes', { method: 'POST', json: body }))) {
      formElement.reset();
      codes.reload();
    }
  };
  const update = async (code: ResultCode, event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      label: String(form.get('label') ?? '').trim(),
      requires: requirementsOf(form),
      active: form.get('active') === 'on',
      sortOrder: Number(form.get('sortOrder') ?? 0),
    };
    if (await action.run(() => api.json(`/admin/result-codes/${code.code}`, { method: 'PATCH', json: body }))) codes.reload();
  };

  return (
    <>
      <details class="panel">
        <summary>{t('codes.new')}</summary>
        <form class="grid-form" onSubmit={create}>
          <label>
            <span>{t('codes.code')}</span>
            <input name="code" required pattern="[A-Z][A-Z0-9_]{1,15}" size={12} />
          </label>
          <label>
            <span>{t('codes.label')}</span>
            <input name="label" required />
          </label>
          <RequirementFields label={t('codes.new')} />
          <button type="submit" disabled={action.busy}>
            {t('admin.create')}
          </button>
        </form>
      </details>
      <ProblemMessage problem={codes.error ?? action.problem} />
      {action.done && <p role="status">{t('admin.saved')}</p>}
      <ul class="code-list">
        {(codes.data ?? []).map((code) => (
          <li key={`${code.code}-${code.label}-${code.active}-${JSON.stringify(code.requires)}`}>
            <form class="grid-form" onSubmit={(event) => update(code, event)} aria-label={code.code}>
              <strong>{code.code}</strong>
              <label>
                <span>{t('codes.label')}</span>
                <input name="label" defaultValue={code.label} required />
              </label>
              <RequirementFields requires={code.requires} label={code.code} />
              <label>
                <span>{t('codes.order')}</span>
                <input type="number" name="sortOrder" min={0} max={10000} defaultValue={String(code.sortOrder)} size={5} />
              </label>
              <label class="check">
                <input type="checkbox" name="active" defaultChecked={code.active} />
                <span>{t('admin.active')}</span>
              </label>
              <button type="submit" disabled={action.busy}>
                {t('admin.save')}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
