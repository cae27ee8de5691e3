import { useState } from 'preact/hooks';
import type { ApiProblem } from '../api/problem.js';
import type { Page, ProgressReply, ResultCode, VisitSummary } from '../api/types.js';
import { BranchPicker } from '../components/branch-picker.js';
import { Link } from '../components/link.js';
import { Pager } from '../components/pager.js';
import { ProblemMessage } from '../components/problem-message.js';
import { useApp } from '../context.js';
import { saveBlob } from '../download.js';
import { count, dateTime, rupiah, todayIn, workDate } from '../format.js';
import { updateQuery } from '../query.js';
import type { Location } from '../router.js';
import { useLoad } from '../use-load.js';

const PAGE_SIZE = 50;
const FILTERS = ['branchCode', 'collectorId', 'resultCode', 'from', 'to', 'incompletePhotos'] as const;

type Filter = Partial<Record<(typeof FILTERS)[number], string>>;

function filterOf(location: Location, today: string): Filter {
  const filter: Filter = { from: today, to: today };
  for (const name of FILTERS) {
    const value = location.query.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

/** Visits by collector, result, date range and missing photos, a page at a time; the CSV holds exactly what is filtered. */
export function Visits({ location }: { location: Location }) {
  const { api, t, config, language, user } = useApp();
  const today = todayIn(config.workTimeZone);
  const filter = filterOf(location, today);
  const offset = Number(location.query.get('offset') ?? 0) || 0;
  const key = JSON.stringify(filter);
  const visits = useLoad(() => api.json<Page<VisitSummary>>('/monitoring/visits', { query: { ...filter, limit: PAGE_SIZE, offset } }), [key, offset]);
  const collectors = useLoad(() => api.json<ProgressReply>('/monitoring/progress', { query: { branchCode: filter.branchCode } }), [filter.branchCode]);
  const codes = useLoad(
    () => (user.role === 'admin' ? api.json<ResultCode[]>('/admin/result-codes').then((list) => list.map((code) => code.code)) : Promise.resolve([])),
    [user.role],
  );
  const [exportProblem, setExportProblem] = useState<ApiProblem | undefined>();
  const knownCodes = [...new Set([...(codes.data ?? []), ...(collectors.data?.collectors ?? []).flatMap((row) => Object.keys(row.visitsByResult))])].sort();

  const apply = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const changes = Object.fromEntries(FILTERS.map((name) => [name, String(form.get(name) ?? '')]));
    updateQuery(location, { ...changes, incompletePhotos: form.get('incompletePhotos') ? 'true' : '', offset: '' });
  };

  const exportCsv = async (): Promise<void> => {
    setExportProblem(undefined);
    try {
      saveBlob(await api.blob('/monitoring/visits.csv', { query: filter }), `visits-${filter.from}-${filter.to}.csv`);
    } catch (problem) {
      setExportProblem(problem as ApiProblem);
    }
  };

  const page = visits.data;
  return (
    <section aria-labelledby="visits-title">
      <h1 id="visits-title">{t('visits.title')}</h1>
      <form class="filters" onSubmit={apply} key={key}>
        <BranchPicker value={filter.branchCode ?? ''} onChange={(code) => updateQuery(location, { branchCode: code, collectorId: '', offset: '' })} />
        <input type="hidden" name="branchCode" value={filter.branchCode ?? ''} />
        <label>
          <span>{t('filter.collector')}</span>
          <select name="collectorId" defaultValue={filter.collectorId ?? ''}>
            <option value="">{t('filter.allCollectors')}</option>
            {(collectors.data?.collectors ?? []).map((row) => (
              <option key={row.collector.id} value={row.collector.id}>
                {row.collector.fullName} ({row.collector.username})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('filter.resultCode')}</span>
          <input
            name="resultCode"
            list="result-codes"
            defaultValue={filter.resultCode ?? ''}
            pattern="[A-Z][A-Z0-9_]{1,15}"
            size={10}
            autocapitalize="characters"
          />
          <datalist id="result-codes">
            {knownCodes.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('filter.from')}</span>
          <input type="date" name="from" defaultValue={filter.from} required />
        </label>
        <label>
          <span>{t('filter.to')}</span>
          <input type="date" name="to" defaultValue={filter.to} required />
        </label>
        <label class="check">
          <input type="checkbox" name="incompletePhotos" value="true" defaultChecked={filter.incompletePhotos === 'true'} />
          <span>{t('filter.incompletePhotos')}</span>
        </label>
        <button type="submit">{t('filter.apply')}</button>
        <button type="button" onClick={exportCsv}>
          {t('visits.export')}
        </button>
      </form>
      <ProblemMessage problem={visits.error ?? exportProblem} onRetry={visits.error ? visits.reload : undefined} />
      {page && page.total === 0 && <p>{t('visits.none')}</p>}
      {page && page.items.length > 0 && (
        <>
          <p class="muted" aria-live="polite">
            {t('visits.count', { count: count(page.total) })}
          </p>
          <div class="table-scroll">
            <table class="visits">
              <thead>
                <tr>
                  <th scope="col">{t('visits.when')}</th>
                  <th scope="col">{t('filter.collector')}</th>
                  <th scope="col">{t('visits.account')}</th>
                  <th scope="col">{t('visits.debtor')}</th>
                  <th scope="col">{t('visits.result')}</th>
                  <th scope="col" class="number">
                    {t('visits.payment')}
                  </th>
                  <th scope="col">{t('visits.promise')}</th>
                  <th scope="col" class="number">
                    {t('visits.photos')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((visit) => (
                  <tr key={visit.id} data-visit={visit.id}>
                    <td>
                      <Link href={`/visits/${visit.id}`} aria-label={t('visits.open', { name: visit.account.debtorName })}>
                        {dateTime(visit.visitedAt, config.workTimeZone, language)}
                      </Link>
                    </td>
                    <td>{visit.collector.username}</td>
                    <td>{visit.account.contractNo}</td>
                    <td>{visit.account.debtorName}</td>
                    <td>{visit.resultCode}</td>
                    <td class="number">{visit.payment ? rupiah(visit.payment.amount) : ''}</td>
                    <td>{visit.promise ? `${workDate(visit.promise.date, language)} · ${rupiah(visit.promise.amount)}` : ''}</td>
                    <td class="number">
                      {visit.photosMissing ? (
                        <span class="warn">
                          {visit.photosExpected - visit.photosMissing}/{visit.photosExpected}
                        </span>
                      ) : (
                        `${visit.photosExpected}/${visit.photosExpected}`
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
    </section>
  );
}
