import './lib/organiser.css';
import './lib/events/events.css';

export * from './lib/organiser-i18n';
export * from './lib/organiser-page';
export * from './lib/attendance-page';
export * from './lib/programme-interchange-page';
export * from './lib/organiser-routes';
export * from './lib/registrations-console';
export * from './lib/events/manage-events-link';
export * from './lib/programme-editor/programme-editor-page';
export * from './lib/speaker-photo-field';
