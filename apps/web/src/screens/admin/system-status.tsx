import type { ServiceOverview } from '../../api/types.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { count } from '../../format.js';
import { useLoad } from '../../use-load.js';

/** Each service up or down, refreshed every 15 seconds. */
export function SystemStatus() {
  const { api, t } = useApp();
  const system = useLoad(() => api.json<{ services: ServiceOverview[] }>('/system'), [], 15_000);
  return (
    <>
      <ProblemMessage problem={system.error} onRetry={system.reload} />
      {system.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('system.service')}</th>
              <th scope="col">{t('system.state')}</th>
              <th scope="col">{t('system.version')}</th>
              <th scope="col" class="number">
                {t('system.uptime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {system.data.services.map((service) => (
              <tr key={service.service} data-service={service.service}>
                <th scope="row">{service.service}</th>
                <td class={service.up ? 'ok' : 'warn'}>
                  {service.up ? `● ${t('system.up')}` : `✕ ${t('system.down')}`}
                  {service.reason && <span class="muted"> ({service.reason})</span>}
                </td>
                <td>{service.version ?? ''}</td>
                <td class="number">{service.uptimeSeconds === undefined ? '' : `${count(Math.floor(service.uptimeSeconds / 60))} min`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
