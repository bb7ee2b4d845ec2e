import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@plenary/server-access';
import { DataSource } from 'typeorm';

/** The person's door check-ins, and the check-in devices they registered as staff, in their data download. */
@Injectable()
export class CheckinPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('checkins', (personId) =>
      this.dataSource.query(
        `SELECT event_id AS "eventId", gate, mode, method, verdict, scanned_at AS "scannedAt",
                received_at AS "receivedAt", undone_at AS "undoneAt"
           FROM checkins WHERE person_id = $1 ORDER BY scanned_at`,
        [personId],
      ),
    );
    this.registry.register('checkinDevices', (personId) =>
      this.dataSource.query(
        `SELECT event_id AS "eventId", name, created_at AS "createdAt", revoked_at AS "revokedAt"
           FROM checkin_devices WHERE person_id = $1 ORDER BY created_at`,
        [personId],
      ),
    );
  }
}
