import type { Me, Membership, Role } from '@plenary/contracts';
import { hasWorkRole, roleHomePath, roleLinks } from './role-homes';

const PERSON = { id: '5e0c2021-0000-4000-8000-000000000999', name: 'Ada', email: 'ada@example.org' };
const REGISTRATION_ID = '5e0c2021-0000-4000-8000-000000000998';

function membership(
  eventSlug: string,
  roles: Role[],
  status: NonNullable<Membership['registration']>['status'] | null = null,
): Membership {
  return {
    eventSlug,
    roles,
    registration: status ? { id: REGISTRATION_ID, status, attendance: 'in_person' } : null,
  };
}

function me(memberships: Membership[], isAdmin = false): Me {
  return { person: PERSON, isAdmin, memberships };
}

describe('role homes', () => {
  it.each<[string, Membership, string]>([
    [
      'an organiser (also staff) on the console',
      membership('vmc', ['organiser', 'staff']),
      '/e/vmc/organiser',
    ],
    ['door staff on the door app', membership('vmc', ['staff']), '/e/vmc/staff'],
    ['a moderator on their sessions', membership('vmc', ['moderator']), '/e/vmc/my-sessions'],
    ['a speaker on their sessions', membership('vmc', ['speaker']), '/e/vmc/my-sessions'],
    ['an approved attendee on the ticket', membership('vmc', ['attendee'], 'approved'), '/e/vmc/ticket'],
    [
      'a pending registrant on the ticket page (its status)',
      membership('vmc', [], 'pending'),
      '/e/vmc/ticket',
    ],
  ])('lands %s', (_label, member, path) => {
    expect(roleHomePath(me([member]), 'vmc')).toBe(path);
    expect(roleHomePath(me([member]))).toBe(path);
  });

  it('sends someone with nothing at the event to its ticket page, which offers registration', () => {
    expect(roleHomePath(me([]), 'vmc')).toBe('/e/vmc/ticket');
    expect(roleHomePath(me([membership('vmc', [], 'cancelled')]), 'vmc')).toBe('/e/vmc/ticket');
  });

  it('picks the event signed in for, and the account page for several events or none', () => {
    const two = me([membership('a', ['staff']), membership('b', ['moderator'])]);
    expect(roleHomePath(two, 'b')).toBe('/e/b/my-sessions');
    expect(roleHomePath(two)).toBe('/account');
    expect(roleHomePath(me([]))).toBe('/account');
    expect(roleHomePath(me([], true))).toBe('/manage');
  });

  it('lists every tool of a member, the home first', () => {
    const links = roleLinks(membership('vmc', ['organiser', 'moderator'], 'approved'), 'vmc');
    expect(links.map((link) => link.tool)).toEqual(['console', 'sessions', 'ticket', 'agenda']);
    expect(roleLinks(membership('vmc', ['attendee'], 'waitlisted'), 'vmc').map((link) => link.tool)).toEqual([
      'registration',
    ]);
    expect(roleLinks(undefined, 'vmc')).toEqual([]);
  });

  it('tells work roles from attendance', () => {
    expect(hasWorkRole(membership('vmc', ['attendee'], 'approved'))).toBe(false);
    expect(hasWorkRole(membership('vmc', ['attendee', 'speaker']))).toBe(true);
    expect(hasWorkRole(undefined)).toBe(false);
  });
});
