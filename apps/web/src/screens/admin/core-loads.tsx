import type { CoreLoad, Page } from '../../api/types.js';
import { Pager } from '../../components/pager.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { useApp } from '../../context.js';
import { dateTime } from '../../format.js';
import { updateQuery } from '../../query.js';
import type { Location } from '../../router.js';
import { useLoad } from '../../use-load.js';

const count = (value: number | null) => (value === null ? '–' : String(value));

/** The loads the core supplied, newest first, with where each stands. */
export function CoreLoads({ location }: { location: Location }) {
  const { api, t, config, language } = useApp();
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const loads = useLoad(() => api.json<Page<CoreLoad>>('/core/loads', { query: { limit: 50, offset } }), [offset]);
  const page = loads.data;
  return (
    <>
      <ProblemMessage problem={loads.error} onRetry={loads.reload} />
      {page && (
        <>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('coreLoads.created')}</th>
                  <th scope="col">{t('coreLoads.workDate')}</th>
                  <th scope="col">{t('coreLoads.status')}</th>
                  <th scope="col">{t('coreLoads.rows')}</th>
                  <th scope="col">{t('coreLoads.badRows')}</th>
                  <th scope="col">{t('coreLoads.worklists')}</th>
                  <th scope="col">{t('coreLoads.message')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((load) => (
                  <tr key={load.id}>
                    <td>
                      {dateTime(load.createdAt, config.workTimeZone, language)} <span class="muted">{load.id}</span>
                    </td>
                    <td>{load.workDate}</td>
                    <td>{load.status}</td>
                    <td>
                      {count(load.rows.collectors)} / {count(load.rows.accounts)} / {count(load.rows.assignments)}
                    </td>
                    <td>{count(load.badRows)}</td>
                    <td>{count(load.worklistsChanged)}</td>
                    <td>{load.message ?? ''}</td>
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
