/**
 * Every `code` a problem (RFC 9457, the one error shape) may carry: stable,
 * for clients to act on, and the enum of the API document's problem schema.
 */
export const PROBLEM_CODES = [
  // Any HTTP app, from the status alone
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'not-acceptable',
  'request-timeout',
  'conflict',
  'gone',
  'precondition-failed',
  'payload-too-large',
  'unsupported-media-type',
  'range-not-satisfiable',
  'unprocessable-content',
  'too-many-requests',
  'internal-error',
  'service-unavailable',
  'storage-full',
  'not-ready',
  'request-too-slow',
  // Request bodies
  'validation-failed',
  'malformed-json',
  'json-too-deep',
  'json-too-wide',
  // Login and sessions
  'too-many-login-attempts',
  'login-busy',
  'not-a-collector',
  'collector-without-branch',
  'device-already-bound',
  'device-binding-blocked',
  'device-revoked',
  'android-unsupported',
  'app-update-required',
  // Administration
  'username-taken',
  'own-admin-account',
  'receipt-prefix-taken',
  'result-code-exists',
  'device-status',
  // The collection day
  'no-open-batch',
  'batch-changed',
  'batch-mismatch',
  // Proof photos and the logo
  'photo-not-found',
  'photo-too-large',
  'hash-mismatch',
  'unsupported-photo-type',
  'corrupt-photo',
  'too-many-pixels',
  'logo-too-large',
  // App releases
  'invalid-apk',
  'wrong-package',
  'min-sdk-too-high',
  'missing-v1-signature',
  'invalid-v1-signature',
  'signer-changed',
  'version-not-higher',
  'minimum-not-published',
  // Core loads
  'core-load-not-loading',
  'core-load-not-held',
  'core-file-invalid',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
