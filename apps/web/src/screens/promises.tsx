import type { Page, PromiseDue } from '../api/types.js';
import { BranchPicker } from '../components/branch-picker.js';
import { Link } from '../components/link.js';
import { Pager } from '../components/pager.js';
import { ProblemMessage } from '../components/problem-message.js';
import { useApp } from '../context.js';
import { addDays, dateTime, rupiah, todayIn, workDate } from '../format.js';
import { updateQuery } from '../query.js';
import type { Location } from '../router.js';
import { useLoad } from '../use-load.js';

const PAGE_SIZE = 50;

/** Monday to Sunday of the week `date` falls in. */
export function weekOf(date: string): { from: string; to: string } {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const from = addDays(date, -((weekday + 6) % 7));
  return { from, to: addDays(from, 6) };
}

/** Promises to pay falling due today or this week, each linked to the visit that made it. */
export function Promises({ location }: { location: Location }) {
  const { api, t, config, language } = useApp();
  const today = todayIn(config.workTimeZone);
  const period = location.query.get('period') === 'week' ? 'week' : 'today';
  const range = period === 'week' ? weekOf(today) : { from: today, to: today };
  const branchCode = location.query.get('branchCode') ?? '';
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const promises = useLoad(
    () => api.json<Page<PromiseDue>>('/monitoring/promises', { query: { ...range, branchCode, limit: PAGE_SIZE, offset } }),
    [range.from, range.to, branchCode, offset],
  );
  const page = promises.data;
  return (
    <section aria-labelledby="promises-title">
      <h1 id="promises-title">{t('promises.title')}</h1>
      <div class="filters">
        <BranchPicker value={branchCode} onChange={(code) => updateQuery(location, { branchCode: code, offset: '' })} />
        <div role="group" aria-label={t('promises.title')} class="segmented">
          {(['today', 'week'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={period === choice}
              onClick={() => updateQuery(location, { period: choice === 'today' ? '' : choice, offset: '' })}
            >
              {t(choice === 'today' ? 'promises.today' : 'promises.week')}
            </button>
          ))}
        </div>
        <span class="muted">
          {workDate(range.from, language)}
          {range.to !== range.from && ` – ${workDate(range.to, language)}`}
        </span>
      </div>
      <ProblemMessage problem={promises.error} onRetry={promises.reload} />
      {page && page.total === 0 && <p>{t('promises.none')}</p>}
      {page && page.items.length > 0 && (
        <>
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('promises.date')}</th>
                  <th scope="col" class="number">
                    {t('promises.amount')}
                  </th>
                  <th scope="col">{t('visits.debtor')}</th>
                  <th scope="col">{t('visits.account')}</th>
                  <th scope="col">{t('visit.phone')}</th>
                  <th scope="col">{t('filter.collector')}</th>
                  <th scope="col">{t('promises.madeAt')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((promise) => (
                  <tr key={promise.visitId}>
                    <td>
                      <Link href={`/visits/${promise.visitId}`} aria-label={`${t('promises.openVisit')}: ${promise.account.debtorName}`}>
                        {workDate(promise.promisedDate, language)}
                      </Link>
                    </td>
                    <td class="number">{rupiah(promise.amount)}</td>
                    <td>{promise.account.debtorName}</td>
                    <td>{promise.account.contractNo}</td>
                    <td>{promise.account.phone}</td>
                    <td>{promise.collector.username}</td>
                    <td>{dateTime(promise.madeAt, config.workTimeZone, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={(next) => updateQuery(location, { offset: next || '' })} />
        </>
      )}
    </section>
  );
}
