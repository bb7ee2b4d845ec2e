/** What the organiser sees about a CSV file before it is sent: its header and how many people it lists. */
export interface CsvSummary {
  /** The header's column names, trimmed and lower-cased. */
  columns: string[];
  /** Non-empty records after the header. */
  rows: number;
}

/**
 * Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks),
 * skipping blank lines as the API does.
 */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (record.some((value) => value.trim() !== '')) records.push(record);
    record = [];
    field = '';
  };
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
    } else field += char;
  }
  endRecord();
  return records;
}

/** The header and row count of an `email,name,role` file, read in the browser before anything is sent. */
export function summariseCsv(text: string): CsvSummary {
  const [header = [], ...rows] = parseRecords(text);
  return { columns: header.map((column) => column.trim().toLowerCase()), rows: rows.length };
}

/** The text of a file the person picked (UTF-8). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}
