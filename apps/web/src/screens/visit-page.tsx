import { useRef, useState } from 'preact/hooks';
import type { VisitDetail, VisitPhoto } from '../api/types.js';
import { AuthorizedImage } from '../components/authorized-image.js';
import { Link } from '../components/link.js';
import { ProblemMessage } from '../components/problem-message.js';
import { useApp } from '../context.js';
import { count, dateTime, rupiah, workDate } from '../format.js';
import { useLoad } from '../use-load.js';

function PhotoFlags({ photo }: { photo: VisitPhoto }) {
  const { t, config, language } = useApp();
  const received = photo.received!;
  const assessment = photo.assessment;
  const flags = [
    assessment?.farFromVisit && t('visit.farFromVisit', { metres: count(Math.round(assessment.distanceM ?? 0)) }),
    assessment?.longFromVisit && t('visit.longFromVisit', { minutes: count(Math.round(assessment.timeGapMinutes ?? 0)) }),
  ].filter(Boolean) as string[];
  return (
    <dl class="photo-facts">
      <dt>{t('visit.exifTime')}</dt>
      <dd>{received.takenAt ? dateTime(received.takenAt, config.workTimeZone, language) : t('visit.noExif')}</dd>
      <dt>{t('visit.exifGps')}</dt>
      <dd>{received.gps ? `${received.gps.lat.toFixed(5)}, ${received.gps.lng.toFixed(5)}` : t('visit.noExif')}</dd>
      {flags.length > 0 ? (
        flags.map((flag) => (
          <dd key={flag} class="warn" role="note">
            ⚠ {flag}
          </dd>
        ))
      ) : assessment ? (
        <dd class="ok">✓ {t('visit.photoOk')}</dd>
      ) : null}
    </dl>
  );
}

/** One visit in full, with each proof photo as a thumbnail that opens the original. */
export function VisitPage({ id }: { id: string }) {
  const { api, t, config, language } = useApp();
  const visit = useLoad(() => api.json<VisitDetail>(`/monitoring/visits/${id}`), [id]);
  const dialog = useRef<HTMLDialogElement>(null);
  const [original, setOriginal] = useState<VisitPhoto | null>(null);
  const v = visit.data;

  const open = (photo: VisitPhoto): void => {
    setOriginal(photo);
    dialog.current?.showModal();
  };

  return (
    <section aria-labelledby="visit-title">
      <p>
        <Link href="/visits">‹ {t('visit.back')}</Link>
      </p>
      <ProblemMessage problem={visit.error} onRetry={visit.reload} />
      {v && (
        <>
          <h1 id="visit-title">
            {t('visit.title')}: {v.account.debtorName} · {v.resultCode}
          </h1>
          <div class="facts">
            <dl>
              <dt>{t('visit.account')}</dt>
              <dd>{v.account.contractNo}</dd>
              <dt>{t('visit.address')}</dt>
              <dd>{v.account.address}</dd>
              <dt>{t('visit.phone')}</dt>
              <dd>{v.account.phone}</dd>
              <dt>{t('visit.amountDue')}</dt>
              <dd>{rupiah(v.account.amountDue)}</dd>
              <dt>{t('visit.overdueDays')}</dt>
              <dd>{count(v.account.overdueDays)}</dd>
            </dl>
            <dl>
              <dt>{t('visit.result')}</dt>
              <dd>
                {v.resultCode} · {v.resultLabel}
              </dd>
              <dt>{t('visit.collector')}</dt>
              <dd>
                {v.collector.fullName} ({v.collector.username})
              </dd>
              <dt>{t('visit.visitedAt')}</dt>
              <dd>{dateTime(v.visitedAt, config.workTimeZone, language)}</dd>
              <dt>{t('visit.receivedAt')}</dt>
              <dd>{dateTime(v.receivedAt, config.workTimeZone, language)}</dd>
              {v.payment && (
                <>
                  <dt>{t('visit.payment')}</dt>
                  <dd>{rupiah(v.payment.amount)}</dd>
                  <dt>{t('visit.receipt')}</dt>
                  <dd>{v.payment.receiptNo}</dd>
                </>
              )}
              {v.promise && (
                <>
                  <dt>{t('visit.promise')}</dt>
                  <dd>
                    {workDate(v.promise.date, language)} · {rupiah(v.promise.amount)}
                  </dd>
                </>
              )}
              {v.notes && (
                <>
                  <dt>{t('visit.notes')}</dt>
                  <dd class="notes">{v.notes}</dd>
                </>
              )}
              {v.location && (
                <>
                  <dt>{t('visit.gps')}</dt>
                  <dd>
                    {v.location.lat.toFixed(6)}, {v.location.lng.toFixed(6)}
                    {v.location.accuracy !== null && ` (${t('visit.accuracy', { metres: count(Math.round(v.location.accuracy)) })})`}
                  </dd>
                </>
              )}
            </dl>
          </div>
          <h2>{t('visit.photos')}</h2>
          {!v.photosChecked && <p class="warn">{t('visit.photoUnchecked')}</p>}
          <ul class="photos">
            {v.photos.map((photo) => (
              <li key={photo.sha256}>
                {photo.received ? (
                  <>
                    <button type="button" class="thumb" onClick={() => open(photo)} aria-label={t('visit.photoOpen', { n: photo.position + 1 })}>
                      <AuthorizedImage path={`/media/${photo.sha256}?variant=thumb`} alt="" />
                    </button>
                    <PhotoFlags photo={photo} />
                  </>
                ) : (
                  <p class="missing">{t('visit.photoMissing', { n: photo.position + 1 })}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <dialog ref={dialog} class="original" onClose={() => setOriginal(null)} aria-label={t('visit.photos')}>
        {original && <AuthorizedImage path={`/media/${original.sha256}`} alt={t('visit.photoOpen', { n: original.position + 1 })} class="original-photo" />}
        <form method="dialog">
          <button type="submit">✕ {t('app.close')}</button>
        </form>
      </dialog>
    </section>
  );
}
