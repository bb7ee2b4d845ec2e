import { Programme1795725482017 } from './1795725482017-Programme';
import { Access1795727538706 } from './1795727538706-Access';
import { RetentionDays1795727917970 } from './1795727917970-RetentionDays';

/** Every migration, in order. Append-only: never edit a migration that has been merged. */
export const MIGRATIONS = [Programme1795725482017, Access1795727538706, RetentionDays1795727917970];
