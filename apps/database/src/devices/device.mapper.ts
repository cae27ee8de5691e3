import type { DeviceView } from '#libs/contract';
import type { Device } from '#libs/entities';

export function toDeviceView(device: Device): DeviceView {
  return {
    id: device.id,
    userId: device.userId,
    deviceKey: device.deviceKey,
    model: device.model,
    androidSdk: device.androidSdk,
    appVersionCode: device.appVersionCode,
    status: device.status,
    boundAt: device.boundAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    endedAt: device.endedAt?.toISOString() ?? null,
  };
}
