import { ORGANISER_NAMESPACE } from '@plenary/web-feature-organiser';
import { STAGE_NAMESPACE } from '@plenary/web-feature-stage';
import { APP_NAMESPACE, createI18n } from './i18n';

// Keys are typed per namespace (each feature declares its en.json in i18next's ResourceNamespaceMap): a key that is
// not in the namespace's en.json fails `npm run typecheck`. The @ts-expect-error lines below fail the typecheck in
// turn if that typing is ever lost.
describe('i18n', () => {
  const i18n = createI18n();

  it('translates keys of the app shell and of each feature namespace', () => {
    expect(i18n.getFixedT(null, APP_NAMESPACE)('notFound.title')).toBe('Page not found');
    const organiser = i18n.getFixedT(null, ORGANISER_NAMESPACE);
    expect(organiser('attendanceMode.in_person')).toBe('In person');
    expect(organiser('attendanceMode.remote')).toBe('Remote');
  });

  it('has typed keys: a missing one is a type error, and shows up raw at run time', () => {
    const organiser = i18n.getFixedT(null, ORGANISER_NAMESPACE);
    // @ts-expect-error -- not a key of the organiser namespace (it is the access namespace's)
    expect(organiser('attendance.in_person')).toBe('attendance.in_person');
    const stage = i18n.getFixedT(null, STAGE_NAMESPACE);
    const mode: 'in_person' | 'remote' = 'remote';
    // @ts-expect-error -- dynamic keys are checked too: the stage namespace has no attendance labels
    expect(stage(`attendance.${mode}`)).toBe('attendance.remote');
  });
});
