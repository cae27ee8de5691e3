/** The five applications of the workspace. */
export const APP_NAMES = ['gateway', 'collector', 'database', 'media', 'ota'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** The applications that answer messages over the internal transport. */
export const SERVICE_NAMES = ['collector', 'database', 'media', 'ota'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isAppName(value: string): value is AppName {
  return (APP_NAMES as readonly string[]).includes(value);
}
