import { Injectable } from '@nestjs/common';

/** Rows one context holds about a person, as they appear in the person's data download. */
export type PersonalDataSection = (personId: string) => Promise<Array<Record<string, unknown>>>;

/**
 * Other contexts (Q&A and polls, video, check-in) keep rows about a person that the access context does not know.
 * Each registers a section here at start-up, so "download my data" includes them without access reading their
 * tables.
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sections = new Map<string, PersonalDataSection>();

  register(name: string, section: PersonalDataSection): void {
    if (this.sections.has(name)) throw new Error(`personal-data section ${name} registered twice`);
    this.sections.set(name, section);
  }

  /** Every registered section, keyed by name in a stable order. */
  async collect(personId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
    const sections = [...this.sections].sort(([a], [b]) => (a < b ? -1 : 1));
    const rows = await Promise.all(sections.map(([, section]) => section(personId)));
    return Object.fromEntries(sections.map(([name], index) => [name, rows[index] ?? []]));
  }
}
