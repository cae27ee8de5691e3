import { installationSecret } from '#libs/common';
import type { AppConfig } from '#libs/config';

/** The token signing key: `JWT_SECRET` when set, otherwise the installation's own key under DATA_DIR. */
export function resolveJwtSecret(config: AppConfig): string {
  return config.jwtSecret ?? installationSecret(config.dataDir, 'jwt');
}
