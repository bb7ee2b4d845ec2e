import './lib/live.css';

export * from './lib/live-i18n';
export * from './lib/live-panel';
export * from './lib/console-stage-context';
export * from './lib/live-routes';
export * from './lib/moderator-console-page';
export * from './lib/big-screen-page';
export * from './lib/poll-results';
export * from './lib/poll-results-chart';
