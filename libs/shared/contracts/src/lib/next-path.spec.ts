import { nextPathSchema, safeNextPath } from './next-path';

const ORIGIN = 'https://plenary.example';

describe(safeNextPath.name, () => {
  it.each([
    ['a tab, percent-encoded', '/%09/host'],
    ['a newline, percent-encoded', '/%0A/host'],
    ['a carriage return, percent-encoded', '/%0D/host'],
    ['a tab, raw', '/\t/evil.example'],
    ['a newline, raw', '/\n/evil.example'],
    ['a NUL', '/%00/x'],
    ['a space', '/ /evil.example'],
    ['a no-break space, encoded', '/%C2%A0/x'],
    ['a zero-width space', '/\u200B/evil.example'],
    ['a right-to-left override', '/e/\u202Egnp.exe'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with a path', '//evil.example/e/vmc2021'],
    ['a slash and a backslash', '/\\evil.example'],
    ['a backslash, encoded', '/%5Cevil.example'],
    ['two slashes, encoded', '/%2F%2Fevil.example'],
    ['two slashes, encoded twice', '/%252F%252Fevil.example'],
    ['a tab encoded twice', '/%2509/host'],
    ['encoded four times', '/%25252525252F'],
    ['a malformed escape', '/%E0%A4%A'],
    ['a lone percent', '/100%'],
    ['two slashes inside', '/e//evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a scheme-relative trick', '/\\/evil.example'],
    ['a relative path', 'e/vmc2021'],
    ['a dot path', './e/vmc2021'],
    ['an empty string', ''],
    ['too long', `/${'a'.repeat(2048)}`],
    ['not a string', 42],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_label, raw) => {
    expect(safeNextPath(raw, ORIGIN)).toBeUndefined();
    expect(safeNextPath(raw)).toBeUndefined();
  });

  it.each([
    ['a page', '/account', '/account'],
    ['an event page', '/e/vmc2021/ticket', '/e/vmc2021/ticket'],
    [
      'a query and a fragment',
      '/e/vmc2021/sessions/5e0c?tab=qa#questions',
      '/e/vmc2021/sessions/5e0c?tab=qa#questions',
    ],
    ['an encoded character that is harmless', '/e/caf%C3%A9', '/e/caf%C3%A9'],
    ['dot segments, resolved', '/e/vmc2021/../../account', '/account'],
    ['the root', '/', '/'],
  ])('keeps %s', (_label, raw, path) => {
    expect(safeNextPath(raw, ORIGIN)).toBe(path);
    expect(safeNextPath(raw)).toBe(path);
  });

  it('is a schema for requests that refuses with a message and normalises', () => {
    expect(nextPathSchema.parse('/e/vmc2021/../../account')).toBe('/account');
    const refused = nextPathSchema.safeParse('/%09/host');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(['must be a path on this site']);
  });
});
