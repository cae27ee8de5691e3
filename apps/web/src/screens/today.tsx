import { useEffect } from 'preact/hooks';
import type { CollectorProgress, ProgressReply } from '../api/types.js';
import { BranchPicker } from '../components/branch-picker.js';
import { Link } from '../components/link.js';
import { ProblemMessage } from '../components/problem-message.js';
import { useApp } from '../context.js';
import { addDays, count, dateTime, rupiah, timeOfDay, todayIn } from '../format.js';
import { updateQuery } from '../query.js';
import type { Location } from '../router.js';
import { useLoad } from '../use-load.js';

const REFRESH_MS = 60_000;

interface Totals {
  assigned: number;
  visited: number;
  paidAmount: number;
  promisedAmount: number;
  visitsMissingPhotos: number;
}

function totalsOf(rows: CollectorProgress[]): Totals {
  return rows.reduce<Totals>(
    (sum, row) => ({
      assigned: sum.assigned + row.assigned,
      visited: sum.visited + row.visited,
      paidAmount: sum.paidAmount + row.paidAmount,
      promisedAmount: sum.promisedAmount + row.promisedAmount,
      visitsMissingPhotos: sum.visitsMissingPhotos + (row.visitsMissingPhotos ?? 0),
    }),
    { assigned: 0, visited: 0, paidAmount: 0, promisedAmount: 0, visitsMissingPhotos: 0 },
  );
}

/** The home screen: one row per collector of the day, with totals; today's refreshes by itself. */
export function Today({ location }: { location: Location }) {
  const { api, t, config, language, user } = useApp();
  const today = todayIn(config.workTimeZone);
  const date = location.query.get('date') ?? today;
  const branchCode = location.query.get('branchCode') ?? '';
  const progress = useLoad(
    () => api.json<ProgressReply>('/monitoring/progress', { query: { date, branchCode } }),
    [date, branchCode],
    date === today ? REFRESH_MS : undefined,
  );
  const rows = progress.data?.collectors ?? [];
  const totals = totalsOf(rows);
  const showBranch = user.role === 'admin' && !branchCode;

  useEffect(() => {
    // The moment the day's table is on screen: what the page's speed is measured by.
    if (progress.data) performance.mark('today-rendered');
  }, [progress.data]);

  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">{t('today.title')}</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <BranchPicker value={branchCode} onChange={(code) => updateQuery(location, { branchCode: code })} />
        <button type="button" onClick={() => updateQuery(location, { date: addDays(date, -1) })} aria-label={t('today.previousDay')}>
          ‹
        </button>
        <label>
          <span>{t('today.date')}</span>
          <input
            type="date"
            value={date}
            max={today}
            required
            onChange={(event) => updateQuery(location, { date: (event.currentTarget as HTMLInputElement).value || today })}
          />
        </label>
        <button type="button" disabled={date >= today} onClick={() => updateQuery(location, { date: addDays(date, 1) })} aria-label={t('today.nextDay')}>
          ›
        </button>
      </form>
      <ProblemMessage problem={progress.error} onRetry={progress.reload} />
      {progress.data && rows.length === 0 && <p>{t('today.none')}</p>}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table class="progress">
            <thead>
              <tr>
                <th scope="col">{t('today.collector')}</th>
                {showBranch && <th scope="col">{t('today.branch')}</th>}
                <th scope="col" class="number">
                  {t('today.assigned')}
                </th>
                <th scope="col" class="number">
                  {t('today.visited')}
                </th>
                <th scope="col" class="number">
                  {t('today.paid')}
                </th>
                <th scope="col" class="number">
                  {t('today.promised')}
                </th>
                <th scope="col" class="number">
                  {t('today.missingPhotos')}
                </th>
                <th scope="col">{t('today.lastSync')}</th>
                <th scope="col">{t('today.lastPosition')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.collector.id} data-collector={row.collector.username}>
                  <th scope="row">
                    <Link href={`/visits?collectorId=${row.collector.id}&from=${date}&to=${date}`}>{row.collector.fullName}</Link>
                    <span class="muted"> {row.collector.username}</span>
                  </th>
                  {showBranch && <td>{row.branchCode}</td>}
                  <td class="number">{count(row.assigned)}</td>
                  <td class="number">{count(row.visited)}</td>
                  <td class="number">{rupiah(row.paidAmount)}</td>
                  <td class="number">{rupiah(row.promisedAmount)}</td>
                  <td class="number">
                    {row.visitsMissingPhotos === null ? (
                      '?'
                    ) : row.visitsMissingPhotos > 0 ? (
                      <Link href={`/visits?collectorId=${row.collector.id}&from=${date}&to=${date}&incompletePhotos=true`}>
                        {count(row.visitsMissingPhotos)}
                      </Link>
                    ) : (
                      '0'
                    )}
                  </td>
                  <td>{dateTime(row.lastSyncAt, config.workTimeZone, language)}</td>
                  <td>
                    {row.lastPosition && (
                      <Link href={`/map?date=${date}`}>
                        {row.lastPosition.lat.toFixed(5)}, {row.lastPosition.lng.toFixed(5)} ({timeOfDay(row.lastPosition.at, config.workTimeZone, language)})
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('today.totals', { count: rows.length })}</th>
                {showBranch && <td />}
                <td class="number">{count(totals.assigned)}</td>
                <td class="number">{count(totals.visited)}</td>
                <td class="number">{rupiah(totals.paidAmount)}</td>
                <td class="number">{rupiah(totals.promisedAmount)}</td>
                <td class="number">{count(totals.visitsMissingPhotos)}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {date === today && progress.data && (
        <p class="muted">{t('today.updated', { time: timeOfDay(new Date().toISOString(), config.workTimeZone, language) })}</p>
      )}
    </section>
  );
}
