import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isPlatformAdmin } from './platform-admins';

/** Instance administrators (a platform role): who holds it. Granting is in `platform-admins.ts`. */
@Injectable()
export class PlatformAdminService {
  constructor(private readonly dataSource: DataSource) {}

  isAdmin(personId: string): Promise<boolean> {
    return isPlatformAdmin(this.dataSource, personId);
  }
}
