import type { Actor, PhotoUploader } from '#libs/contract';

/** A proof photo is seen by who took it, the supervisors of that collector's branch, and admins. */
export function mayViewPhoto(viewer: Actor, uploader: PhotoUploader): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.userId === uploader.userId) return true;
  return viewer.role === 'supervisor' && viewer.branchId !== null && viewer.branchId === uploader.branchId;
}
