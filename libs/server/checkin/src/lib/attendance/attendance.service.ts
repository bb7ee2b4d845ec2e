import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Attendance, AttendanceSummary } from '@plenary/contracts';
import { ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import {
  MEDIA_ATTENDANCE_SOURCE,
  ONLINE_PRESENCE_SOURCE,
  type MediaAttendanceSource,
  type OnlinePresenceSource,
} from './attendance.sources';
import { summariseAttendance } from './summarise-attendance';

/** The organiser's attendance picture: registrations, door admissions per day, per-session room and online counts. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    @Optional() @Inject(MEDIA_ATTENDANCE_SOURCE) private readonly media: MediaAttendanceSource | null,
    @Optional() @Inject(ONLINE_PRESENCE_SOURCE) private readonly presence: OnlinePresenceSource | null,
  ) {}

  async summary(event: EventEntity): Promise<AttendanceSummary> {
    const [registered, admissions, detail, media, presence] = await Promise.all([
      this.dataSource.query<Array<{ attendance: Attendance; n: number }>>(
        `SELECT attendance, count(*)::int AS n FROM registrations
          WHERE event_id = $1 AND status = 'approved' GROUP BY attendance`,
        [event.id],
      ),
      this.dataSource.query<Array<{ day: string; person_id: string; attendance: Attendance | null }>>(
        `SELECT c.day::text AS day, c.person_id, r.attendance
           FROM checkins c LEFT JOIN registrations r ON r.id = c.registration_id
          WHERE c.event_id = $1 AND c.verdict = 'admitted' AND c.undone_at IS NULL AND c.person_id IS NOT NULL`,
        [event.id],
      ),
      this.programme.getEvent(event.slug),
      this.media ? this.media.sessionParticipants(event.id) : Promise.resolve(null),
      this.presence ? this.presence.onlineNow(event.id) : Promise.resolve(null),
    ]);
    const count = (mode: Attendance): number => registered.find((row) => row.attendance === mode)?.n ?? 0;
    return summariseAttendance({
      eventId: event.id,
      now: new Date(),
      registered: { inPerson: count('in_person'), remote: count('remote') },
      admissions: admissions.map((row) => ({
        day: row.day,
        personId: row.person_id,
        attendance: row.attendance,
      })),
      sessions: detail.days.flatMap((day) => day.sessions),
      media,
      presence,
    });
  }

  /** True when the person stands admitted at the door on that event day (the hybrid switch's "in the room"). */
  async isInRoom(eventId: string, personId: string, day: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM checkins WHERE event_id = $1 AND person_id = $2 AND day = $3::date
          AND verdict = 'admitted' AND undone_at IS NULL LIMIT 1`,
      [eventId, personId, day],
    );
    return rows.length > 0;
  }
}
