import './lib/programme.css';
import './lib/programme-embeds.css';

export * from './lib/embed-context';
export * from './lib/event-context';
export * from './lib/event-header';
export * from './lib/event-home-page';
export * from './lib/event-layout';
export * from './lib/event-list-page';
export * from './lib/programme-i18n';
export * from './lib/programme-page';
export * from './lib/programme-routes';
export * from './lib/session-page';
export * from './lib/session-panel-context';
export * from './lib/session-stage-context';
export * from './lib/speakers-page';
export * from './lib/viewer-time-zone-context';
