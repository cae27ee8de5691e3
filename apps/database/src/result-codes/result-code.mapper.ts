import type { ResultCodeView } from '#libs/contract';
import type { ResultCode } from '#libs/entities';

export function toResultCodeView(code: ResultCode): ResultCodeView {
  return {
    code: code.code,
    label: code.label,
    requires: { payment: code.requiresPayment, promise: code.requiresPromise, gps: code.requiresGps, minPhotos: code.minPhotos },
    active: code.active,
    sortOrder: code.sortOrder,
  };
}
