import { readFileText, summariseCsv } from './csv-file';

describe('summariseCsv', () => {
  it('counts the rows after the header, skipping blank lines', () => {
    expect(summariseCsv('email,name,role\r\na@example.org,Ada,speaker\r\n\r\nb@example.org,Bo,\r\n')).toEqual(
      {
        columns: ['email', 'name', 'role'],
        rows: 2,
      },
    );
  });

  it('keeps quoted commas and line breaks inside one row, and ignores a byte-order mark', () => {
    const csv = '\uFEFF Email , Name\n"a@example.org","Muster, Ada\nPhD"\n"b@example.org","Bo ""B"""';
    expect(summariseCsv(csv)).toEqual({ columns: ['email', 'name'], rows: 2 });
  });

  it('finds no rows in an empty file or a header alone', () => {
    expect(summariseCsv('')).toEqual({ columns: [], rows: 0 });
    expect(summariseCsv('email,name,role\n')).toEqual({ columns: ['email', 'name', 'role'], rows: 0 });
  });
});

describe('readFileText', () => {
  it('reads a picked file as text', async () => {
    const file = new File(['email,name\n'], 'people.csv', { type: 'text/csv' });
    await expect(readFileText(file)).resolves.toBe('email,name\n');
  });
});
