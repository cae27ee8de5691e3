import type { AuditEntry, Page } from '../../api/types.js';
import { Pager } from '../../components/pager.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { dateTime } from '../../format.js';
import { updateQuery } from '../../query.js';
import type { Location } from '../../router.js';
import { useLoad } from '../../use-load.js';

export function AuditTrail({ location }: { location: Location }) {
  const { api, t, config, language } = useApp();
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const audit = useLoad(() => api.json<Page<AuditEntry>>('/admin/audit', { query: { limit: 50, offset } }), [offset]);
  const page = audit.data;
  return (
    <>
      <ProblemMessage problem={audit.error} onRetry={audit.reload} />
      {page && (
        <>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{dateTime(entry.occurredAt, config.workTimeZone, language)}</td>
                    <td>{entry.actor?.username ?? ''}</td>
                    <td>{entry.action}</td>
                    <td>
                      {entry.subjectType} <span class="muted">{entry.subjectId}</span>
                    </td>
                    <td>
                      <code>{entry.details ? JSON.stringify(entry.details) : ''}</code>
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
