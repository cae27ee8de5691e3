import type { Device, Page } from '../../api/types.js';
import { Pager } from '../../components/pager.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { dateTime } from '../../format.js';
import { updateQuery } from '../../query.js';
import type { Location } from '../../router.js';
import { useLoad } from '../../use-load.js';
import { useAction } from './use-action.js';

export function Devices({ location }: { location: Location }) {
  const { api, t, config, language } = useApp();
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const devices = useLoad(() => api.json<Page<Device>>('/admin/devices', { query: { limit: 50, offset } }), [offset]);
  const action = useAction();

  const change = async (device: Device, kind: 'release' | 'revoke'): Promise<void> => {
    if (kind === 'revoke' && !window.confirm(t('devices.confirmRevoke', { key: device.deviceKey, name: device.username }))) return;
    if (await action.run(() => api.json(`/admin/devices/${device.id}/${kind}`, { method: 'POST' }))) devices.reload();
  };

  const page = devices.data;
  return (
    <>
      <ProblemMessage problem={devices.error ?? action.problem} />
      {page && (
        <>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('devices.user')}</th>
                  <th scope="col">{t('devices.key')}</th>
                  <th scope="col">{t('devices.model')}</th>
                  <th scope="col">{t('devices.app')}</th>
                  <th scope="col">{t('devices.status')}</th>
                  <th scope="col">{t('devices.lastSeen')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {page.items.map((device) => (
                  <tr key={device.id} data-device={device.deviceKey}>
                    <th scope="row">{device.username}</th>
                    <td>
                      <code>{device.deviceKey}</code>
                    </td>
                    <td>{device.model ?? ''}</td>
                    <td>
                      {device.appVersionCode} (SDK {device.androidSdk})
                    </td>
                    <td>{device.status}</td>
                    <td>{dateTime(device.lastSeenAt, config.workTimeZone, language)}</td>
                    <td class="actions">
                      {device.status === 'active' && (
                        <button
                          type="button"
                          disabled={action.busy}
                          onClick={() => change(device, 'release')}
                          aria-label={t('devices.releaseOf', { key: device.deviceKey, name: device.username })}
                        >
                          {t('devices.release')}
                        </button>
                      )}
                      {device.status !== 'revoked' && (
                        <button
                          type="button"
                          class="danger"
                          disabled={action.busy}
                          onClick={() => change(device, 'revoke')}
                          aria-label={t('devices.revokeOf', { key: device.deviceKey, name: device.username })}
                        >
                          {t('devices.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={(next) => updateQuery(location, { offset: next || '' })} />
        </>
      )}
    </>
  );
}
