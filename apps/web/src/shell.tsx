import { lazy, Suspense } from 'preact/compat';
import { LanguagePicker } from './components/language-picker.js';
import { Link } from './components/link.js';
import { Logo } from './components/logo.js';
import { useApp } from './context.js';
import type { MessageKey } from './i18n/en.js';
import type { Language } from './i18n/i18n.js';
import { useLocation, type Location } from './router.js';
import { Promises } from './screens/promises.js';
import { Today } from './screens/today.js';
import { VisitPage } from './screens/visit-page.js';
import { Visits } from './screens/visits.js';

// The map (Leaflet) and the admin screens are loaded when first opened, so the first load stays small.
const MapScreen = lazy(() => import('./screens/map-screen.js').then((module) => module.MapScreen));
const Admin = lazy(() => import('./screens/admin/admin.js').then((module) => module.Admin));

const NAV: { href: string; label: MessageKey; adminOnly?: boolean }[] = [
  { href: '/', label: 'nav.today' },
  { href: '/visits', label: 'nav.visits' },
  { href: '/map', label: 'nav.map' },
  { href: '/promises', label: 'nav.promises' },
  { href: '/admin', label: 'nav.admin', adminOnly: true },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

function Screen({ location }: { location: Location }) {
  const { user } = useApp();
  const { path } = location;
  const visit = /^\/visits\/([0-9a-f-]{36})$/i.exec(path);
  if (visit) return <VisitPage id={visit[1]} />;
  if (path === '/visits') return <Visits location={location} />;
  if (path === '/map') return <MapScreen location={location} />;
  if (path === '/promises') return <Promises location={location} />;
  if ((path === '/admin' || path.startsWith('/admin/')) && user.role === 'admin') return <Admin location={location} />;
  return <Today location={location} />;
}

export function Shell({ onLanguage, onSignOut }: { onLanguage: (language: Language) => void; onSignOut: () => void }) {
  const { t, user, config, language } = useApp();
  const location = useLocation();
  return (
    <div class="shell">
      <header>
        <Logo url={config.logoUrl} alt={t('logo.alt')} />
        <span class="brand">{t('app.title')}</span>
        <nav aria-label={t('app.mainNav')}>
          {NAV.filter((item) => !item.adminOnly || user.role === 'admin').map((item) => (
            <Link key={item.href} href={item.href} aria-current={isCurrent(item.href, location.path) ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <div class="account">
          <LanguagePicker language={language} onLanguage={onLanguage} />
          <span class="user">{t('app.signedInAs', { name: user.username })}</span>
          <button type="button" onClick={onSignOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <Screen location={location} />
        </Suspense>
      </main>
    </div>
  );
}
