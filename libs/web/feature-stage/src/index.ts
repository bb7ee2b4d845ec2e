import './lib/stage.css';

export * from './lib/stage-i18n';
export * from './lib/stage-view';
export * from './lib/session-stage';
export * from './lib/stage-controls';
