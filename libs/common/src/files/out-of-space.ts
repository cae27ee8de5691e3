/** Whether a failed file operation ran out of room: on the disk (ENOSPC) or in the owner's quota (EDQUOT). */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
