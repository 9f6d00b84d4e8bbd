import { shownContactPhone } from './contact';

describe('shownContactPhone', () => {
  const t = { reporterId: '7', contactPhone: '13512345678' };
  it('shows the reporter their own number in full', () => expect(shownContactPhone({ userId: '7' }, t)).toBe('13512345678'));
  it('masks it for anyone else and for anonymous callers', () => {
    expect(shownContactPhone({ userId: '8' }, t)).toBe('135****5678');
    expect(shownContactPhone(null, t)).toBe('135****5678');
  });
  it('is empty when the owner left none', () => expect(shownContactPhone({ userId: '8' }, { reporterId: '7', contactPhone: null })).toBe(''));
});
