import { useState } from 'preact/hooks';
import type { Release, ReleaseList } from '../../api/types.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { bytes, count, dateTime } from '../../format.js';
import { useLoad } from '../../use-load.js';
import { useAction } from './use-action.js';

/** App releases, through the gateway's pass-through to the ota app's admin API (same origin, same token). */
export function Releases() {
  const { api, t, config, language } = useApp();
  const list = useLoad(() => api.json<ReleaseList>('/ota/releases'), []);
  const action = useAction();
  const [uploading, setUploading] = useState(false);

  const publish = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const upload = new FormData();
    for (const name of ['channel', 'notes', 'rolloutPercent']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) upload.append(name, value);
    }
    upload.append('mandatory', form.get('mandatory') === 'on' ? 'true' : 'false');
    upload.append('file', form.get('file') as File);
    setUploading(true);
    const published = await action.run(() => api.json('/ota/releases', { method: 'POST', form: upload }));
    setUploading(false);
    if (published) {
      formElement.reset();
      list.reload();
    }
  };
  const change = async (release: Release, path: string, method: string, json?: unknown): Promise<void> => {
    if (await action.run(() => api.json(`/ota/releases/${release.id}${path}`, { method, json }))) list.reload();
  };
  // An empty versionCode removes the channel's floor.
  const setMinimum = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const channel = encodeURIComponent(String(form.get('channel') ?? '').trim());
    const raw = String(form.get('minVersionCode') ?? '').trim();
    const json = { minVersionCode: raw === '' ? null : Number(raw) };
    if (await action.run(() => api.json(`/ota/channels/${channel}/minimum`, { method: 'PUT', json }))) list.reload();
  };

  const releases = list.data?.releases ?? [];
  return (
    <>
      <form class="panel grid-form" onSubmit={publish} aria-labelledby="publish-title">
        <h2 id="publish-title">{t('releases.upload')}</h2>
        <label>
          <span>{t('releases.file')}</span>
          <input type="file" name="file" accept=".apk,application/vnd.android.package-archive" required />
        </label>
        <label>
          <span>{t('releases.channel')}</span>
          <input name="channel" placeholder="production" size={12} />
        </label>
        <label>
          <span>{t('releases.rollout')}</span>
          <input name="rolloutPercent" type="number" min={0} max={100} defaultValue="100" />
        </label>
        <label class="check">
          <input type="checkbox" name="mandatory" />
          <span>{t('releases.mandatory')}</span>
        </label>
        <label class="wide">
          <span>{t('releases.notes')}</span>
          <textarea name="notes" maxLength={2000} rows={2} />
        </label>
        <button type="submit" disabled={action.busy}>
          {uploading ? t('releases.uploading') : t('releases.publish')}
        </button>
      </form>
      <ProblemMessage problem={list.error ?? action.problem} />
      {action.done && <p role="status">{t('admin.saved')}</p>}
      {list.data && releases.length === 0 && <p>{t('releases.none')}</p>}
      {releases.length > 0 && (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('releases.channel')}</th>
                <th scope="col">{t('releases.version')}</th>
                <th scope="col">{t('releases.published')}</th>
                <th scope="col" class="number">
                  {t('releases.size')}
                </th>
                <th scope="col">{t('releases.status')}</th>
                <th scope="col">{t('releases.rollout')}</th>
                <th scope="col">{t('releases.mandatory')}</th>
                <th scope="col" class="number">
                  {t('releases.checks')}
                </th>
                <th scope="col" class="number">
                  {t('releases.downloads')}
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {releases.map((release) => (
                <tr key={`${release.id}-${release.halted}-${release.rolloutPercent}-${release.mandatory}`} data-release={release.versionCode}>
                  <td>{release.channel}</td>
                  <th scope="row">
                    {release.versionName} ({release.versionCode})
                  </th>
                  <td>{dateTime(release.publishedAt, config.workTimeZone, language)}</td>
                  <td class="number">{bytes(release.size)}</td>
                  <td class={release.halted ? 'warn' : 'ok'}>{release.halted ? t('releases.halted') : t('releases.live')}</td>
                  <td>
                    <form
                      onSubmit={(event) => {
                        event.preventDefault();
                        void change(release, '', 'PATCH', {
                          rolloutPercent: Number(new FormData(event.currentTarget as HTMLFormElement).get('rolloutPercent')),
                        });
                      }}
                    >
                      <input
                        name="rolloutPercent"
                        type="number"
                        min={0}
                        max={100}
                        defaultValue={String(release.rolloutPercent)}
                        aria-label={`${t('releases.rollout')} ${release.versionCode}`}
                        size={4}
                      />
                      <button type="submit">{t('admin.save')}</button>
                    </form>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={release.mandatory}
                      aria-label={`${t('releases.mandatory')} ${release.versionCode}`}
                      onChange={(event) => change(release, '', 'PATCH', { mandatory: (event.currentTarget as HTMLInputElement).checked })}
                    />
                  </td>
                  <td class="number">{count(release.checks)}</td>
                  <td class="number">{count(release.downloads)}</td>
                  <td>
                    {release.halted ? (
                      <button
                        type="button"
                        onClick={() => change(release, '/resume', 'POST')}
                        aria-label={t('releases.resumeOf', { version: release.versionCode })}
                      >
                        {t('releases.resume')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="danger"
                        onClick={() => change(release, '/halt', 'POST')}
                        aria-label={t('releases.haltOf', { version: release.versionCode })}
                      >
                        {t('releases.halt')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="panel grid-form" onSubmit={setMinimum} aria-labelledby="minimum-title">
        <h2 id="minimum-title">{t('releases.minimum')}</h2>
        {(list.data?.channels ?? []).map((channel) => (
          <p key={channel.channel} class="muted">
            {channel.channel}: {channel.minVersionCode ?? '–'}
          </p>
        ))}
        <label>
          <span>{t('releases.channel')}</span>
          <input name="channel" required defaultValue="production" size={12} />
        </label>
        <label>
          <span>versionCode</span>
          <input name="minVersionCode" type="number" min={1} />
        </label>
        <button type="submit">{t('releases.setMinimum')}</button>
      </form>
    </>
  );
}
