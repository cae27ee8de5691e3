import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { Page, ProgressReply, VisitSummary } from '../api/types.js';
import { BranchPicker } from '../components/branch-picker.js';
import { ProblemMessage } from '../components/problem-message.js';
import { useApp } from '../context.js';
import { dateTime, todayIn } from '../format.js';
import { updateQuery } from '../query.js';
import { navigate, type Location } from '../router.js';
import { useLoad } from '../use-load.js';

const PAGE = 200;
const MAX_VISITS = 2000;

interface DayPositions {
  visits: VisitSummary[];
  progress: ProgressReply;
}

/** The day's visits, page by page up to MAX_VISITS, and each collector's last position. */
async function dayPositions(api: ApiClient, date: string, branchCode: string): Promise<DayPositions> {
  const progress = api.json<ProgressReply>('/monitoring/progress', { query: { date, branchCode } });
  const visits: VisitSummary[] = [];
  for (let offset = 0; offset < MAX_VISITS; offset += PAGE) {
    const page = await api.json<Page<VisitSummary>>('/monitoring/visits', { query: { from: date, to: date, branchCode, limit: PAGE, offset } });
    visits.push(...page.items);
    if (offset + PAGE >= page.total) break;
  }
  return { visits, progress: await progress };
}

/** Visits and last positions on a Leaflet map; without tiles (none configured, or unreachable) the markers stay on a plain background. */
export function MapScreen({ location }: { location: Location }) {
  const { api, t, config, language } = useApp();
  const today = todayIn(config.workTimeZone);
  const date = location.query.get('date') ?? today;
  const branchCode = location.query.get('branchCode') ?? '';
  const data = useLoad(() => dayPositions(api, date, branchCode), [date, branchCode]);
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    const created = L.map(container.current!, { center: [-6.2, 106.82], zoom: 11, keyboard: true, attributionControl: Boolean(config.mapTileUrl) });
    if (config.mapTileUrl) {
      L.tileLayer(config.mapTileUrl, { maxZoom: 19, attribution: '' })
        .on('tileerror', () => setTilesFailed(true))
        .addTo(created);
    }
    layer.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
  }, [config.mapTileUrl]);

  useEffect(() => {
    if (!data.data || !map.current || !layer.current) return;
    layer.current.clearLayers();
    const points: L.LatLngExpression[] = [];
    for (const visit of data.data.visits) {
      if (!visit.location) continue;
      const point: L.LatLngExpression = [visit.location.lat, visit.location.lng];
      points.push(point);
      L.circleMarker(point, { radius: 6, color: '#1d4ed8', fillOpacity: 0.7, weight: 1 })
        .bindTooltip(`${visit.collector.username} · ${visit.resultCode} · ${visit.account.debtorName}`)
        .on('click', () => navigate(`/visits/${visit.id}`))
        .addTo(layer.current);
    }
    for (const row of data.data.progress.collectors) {
      if (!row.lastPosition) continue;
      const point: L.LatLngExpression = [row.lastPosition.lat, row.lastPosition.lng];
      points.push(point);
      L.circleMarker(point, { radius: 10, color: '#b45309', fillColor: '#f59e0b', fillOpacity: 0.9, weight: 2 })
        .bindTooltip(`${row.collector.fullName} · ${dateTime(row.lastPosition.at, config.workTimeZone, language)}`, { permanent: false })
        .addTo(layer.current);
    }
    if (points.length > 0) map.current.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 16 });
  }, [data.data]);

  const visits = data.data?.visits.filter((visit) => visit.location) ?? [];
  const collectors = data.data?.progress.collectors.filter((row) => row.lastPosition) ?? [];
  return (
    <section aria-labelledby="map-title" class="map-screen">
      <h1 id="map-title">{t('map.title')}</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <BranchPicker value={branchCode} onChange={(code) => updateQuery(location, { branchCode: code })} />
        <label>
          <span>{t('today.date')}</span>
          <input
            type="date"
            value={date}
            max={today}
            onChange={(event) => updateQuery(location, { date: (event.currentTarget as HTMLInputElement).value || today })}
          />
        </label>
        <span class="legend visit-dot">{t('map.visits', { count: visits.length })}</span>
        <span class="legend collector-dot">{t('map.collectors', { count: collectors.length })}</span>
      </form>
      {!config.mapTileUrl && <p class="muted">{t('map.noTiles')}</p>}
      {tilesFailed && (
        <p class="warn" role="status">
          {t('map.tilesFailed')}
        </p>
      )}
      <ProblemMessage problem={data.error} onRetry={data.reload} />
      <div ref={container} class="map" role="region" aria-label={t('map.title')} />
      {data.data && visits.length === 0 && collectors.length === 0 && <p>{t('map.noPositions')}</p>}
    </section>
  );
}
