export * from './lib/entities';
export * from './lib/checkin.module';
export * from './lib/checkin.exception';
export * from './lib/attendance/attendance.sources';
export * from './lib/attendance/attendance.service';
export * from './lib/scans/scan.service';
