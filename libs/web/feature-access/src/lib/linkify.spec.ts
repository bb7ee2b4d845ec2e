import { splitLinks } from './linkify';

describe('splitLinks', () => {
  it('turns http(s) URLs into links and leaves the rest as text', () => {
    expect(splitLinks('Open https://plenary.test/auth/confirm#token=abc_DEF-123 to sign in.')).toEqual([
      { kind: 'text', text: 'Open ' },
      {
        kind: 'link',
        text: 'https://plenary.test/auth/confirm#token=abc_DEF-123',
        href: 'https://plenary.test/auth/confirm#token=abc_DEF-123',
      },
      { kind: 'text', text: ' to sign in.' },
    ]);
  });

  it('leaves sentence punctuation and unmatched brackets outside the link', () => {
    const segments = splitLinks('(see http://localhost:4200/e/vmc2021/ticket).');
    expect(segments[1]).toEqual({
      kind: 'link',
      text: 'http://localhost:4200/e/vmc2021/ticket',
      href: 'http://localhost:4200/e/vmc2021/ticket',
    });
    expect(segments[2]).toEqual({ kind: 'text', text: ').' });
  });

  it('never links other schemes or HTML', () => {
    expect(splitLinks('javascript:alert(1) <a href="x">x</a>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) <a href="x">x</a>' },
    ]);
  });
});
