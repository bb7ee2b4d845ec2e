import { emailHint, likePrefix } from './search.service';

describe(likePrefix.name, () => {
  it('lower-cases and escapes LIKE wildcards', () => {
    expect(likePrefix('Ada')).toBe('ada%');
    expect(likePrefix('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });
});

describe(emailHint.name, () => {
  it('keeps two characters of the local part and the domain', () => {
    expect(emailHint('ada.lovelace@example.org')).toBe('ad…@example.org');
    expect(emailHint('a@example.org')).toBe('a…@example.org');
  });
});
