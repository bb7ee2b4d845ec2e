import { CheckinDeviceEntity } from './checkin-device.entity';
import { CheckinRemovalEntity } from './checkin-removal.entity';
import { CheckinEntity } from './checkin.entity';

export { CheckinDeviceEntity, CheckinEntity, CheckinRemovalEntity };

/** Entities owned by the check-in context. */
export const CHECKIN_ENTITIES = [CheckinDeviceEntity, CheckinEntity, CheckinRemovalEntity];
