import { z } from 'zod';
import { eventSlugSchema } from './programme';

// Schedule interchange (issue #12): import a programme from pretalx / frab-style schedules and CSV, with a dry run,
// and export the same formats. See docs/interchange.md.

/** What an import reads and an export writes. */
export const INTERCHANGE_FORMATS = ['pretalx-json', 'frab-xml', 'csv-sessions', 'csv-speakers'] as const;
export const interchangeFormatSchema = z.enum(INTERCHANGE_FORMATS);
export type InterchangeFormat = z.infer<typeof interchangeFormatSchema>;

/** Largest file an import reads (413 above). */
export const INTERCHANGE_MAX_BYTES = 10 * 1024 * 1024;

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const programmeImportQuerySchema = z.strictObject({
  /** `true`: answer what would change and write nothing. */
  dryRun: booleanFlag.default(false),
});
export type ProgrammeImportQuery = z.input<typeof programmeImportQuerySchema>;

export const programmeExportQuerySchema = z.strictObject({
  format: interchangeFormatSchema,
});
export type ProgrammeExportQuery = z.infer<typeof programmeExportQuerySchema>;

export const programmeImportParamsSchema = z.object({ slug: eventSlugSchema });

/**
 * What an import does to one item. `absent`: the event has an item with an import key that the file does not
 * mention; it is kept (imports never delete).
 */
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged', 'absent'] as const;
export const importActionSchema = z.enum(IMPORT_ACTIONS);
export type ImportAction = z.infer<typeof importActionSchema>;

export const IMPORT_ITEM_KINDS = ['room', 'speaker', 'session'] as const;

export const importItemSchema = z.object({
  kind: z.enum(IMPORT_ITEM_KINDS),
  /** The import key (pretalx guid/code, frab guid, CSV id); a room's name. */
  key: z.string(),
  /** Title of a session, name of a speaker or room. */
  label: z.string(),
  action: importActionSchema,
  /** The fields an update changes. */
  changes: z.array(z.string()),
  /** Where in the file (`line 12`, a JSON path); null for `absent`. */
  location: z.string().nullable(),
});
export type ImportItem = z.infer<typeof importItemSchema>;

const countsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  absent: z.number().int(),
});
export type ImportCounts = z.infer<typeof countsSchema>;

/** The preview (dry run) or the outcome of an import: the same shape. */
export const programmeImportResultSchema = z.object({
  dryRun: z.boolean(),
  format: interchangeFormatSchema,
  counts: z.object({ rooms: countsSchema, speakers: countsSchema, sessions: countsSchema }),
  /** Every item of the file (and the event's `absent` ones), in file order. */
  items: z.array(importItemSchema),
  /** The event page's version after the import (unchanged by a dry run or an import that changes nothing). */
  programmeVersion: z.number().int(),
});
export type ProgrammeImportResult = z.infer<typeof programmeImportResultSchema>;

/** One bad row in `details.issues` of a refused import: where (`line 7`, a JSON path), which field, what is wrong. */
export const scheduleIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
export type ScheduleIssue = z.infer<typeof scheduleIssueSchema>;
