import { Link } from '../../components/link.js';
import { useApp } from '../../context.js';
import type { MessageKey } from '../../i18n/en.js';
import type { Location } from '../../router.js';
import { AuditTrail } from './audit-trail.js';
import { Branding } from './branding.js';
import { CoreLoads } from './core-loads.js';
import { Devices } from './devices.js';
import { Releases } from './releases.js';
import { ResultCodes } from './result-codes.js';
import { SystemStatus } from './system-status.js';
import { Users } from './users.js';

const SECTIONS: { slug: string; label: MessageKey; screen: (props: { location: Location }) => preact.JSX.Element }[] = [
  { slug: 'users', label: 'admin.users', screen: Users },
  { slug: 'devices', label: 'admin.devices', screen: Devices },
  { slug: 'result-codes', label: 'admin.resultCodes', screen: ResultCodes },
  { slug: 'releases', label: 'admin.releases', screen: Releases },
  { slug: 'core-loads', label: 'admin.coreLoads', screen: CoreLoads },
  { slug: 'audit', label: 'admin.audit', screen: AuditTrail },
  { slug: 'system', label: 'admin.system', screen: SystemStatus },
  { slug: 'branding', label: 'admin.branding', screen: Branding },
];

/** Admin sections under /admin/<section>; a chunk of its own, loaded when an admin first opens it. */
export function Admin({ location }: { location: Location }) {
  const { t } = useApp();
  const slug = location.path.split('/')[2] || 'users';
  const section = SECTIONS.find((candidate) => candidate.slug === slug) ?? SECTIONS[0];
  const Screen = section.screen;
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">
        {t('admin.title')}: {t(section.label)}
      </h1>
      <nav class="subnav" aria-label={t('admin.section')}>
        {SECTIONS.map((candidate) => (
          <Link key={candidate.slug} href={`/admin/${candidate.slug}`} aria-current={candidate === section ? 'page' : undefined}>
            {t(candidate.label)}
          </Link>
        ))}
      </nav>
      <Screen location={location} />
    </section>
  );
}
