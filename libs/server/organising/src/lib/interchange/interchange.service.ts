import { Injectable } from '@nestjs/common';
import type { InterchangeFormat, ProgrammeImportResult } from '@plenary/contracts';
import { AuditService, type Principal } from '@plenary/server-access';
import { CoreException, RateLimitService, type RateLimitRule } from '@plenary/server-core';
import {
  ImportFileError,
  ProgrammeImporter,
  exportProgramme,
  readSchedule,
  type EventEntity,
  type ExportFile,
} from '@plenary/server-programme';
import { DataSource } from 'typeorm';

/** Imports and dry runs per person: enough to fix a file row by row, a wall for a script. */
export const PROGRAMME_IMPORT_LIMIT: RateLimitRule = { points: 60, seconds: 600 };

/**
 * Schedule interchange for organisers: reads the file (pretalx / frab JSON or XML, CSV), previews or applies it
 * through the programme context's importer in one transaction with its audit entries, and exports the programme in
 * the same formats.
 */
@Injectable()
export class InterchangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: ProgrammeImporter,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
  ) {}

  async import(
    actor: Principal,
    event: EventEntity,
    kind: 'json' | 'xml' | 'csv',
    body: unknown,
    dryRun: boolean,
  ): Promise<ProgrammeImportResult> {
    await this.limits.consume('programme-import', PROGRAMME_IMPORT_LIMIT, actor.personId);
    let document;
    try {
      document = readSchedule(kind, body, event.timeZone);
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new CoreException(
          'core/validation-failed',
          'The schedule file has problems; nothing was imported.',
          error.issues,
        );
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      const outcome = await this.importer.run(manager, event.id, document, { dryRun });
      if (!dryRun && outcome.audit.length > 0) {
        for (const entry of outcome.audit)
          await this.audit.record(manager, {
            eventId: event.id,
            actorId: actor.personId,
            action: entry.action,
            targetId: entry.targetId,
            details: entry.details,
          });
        await this.audit.record(manager, {
          eventId: event.id,
          actorId: actor.personId,
          action: 'programme.import',
          targetId: event.id,
          details: { format: document.format, counts: outcome.result.counts },
        });
      }
      return outcome.result;
    });
  }

  /** One consistent snapshot of the programme, written in `format`. */
  export(event: EventEntity, format: InterchangeFormat): Promise<ExportFile> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) =>
      exportProgramme(await this.importer.snapshot(manager, event.id), format),
    );
  }
}
