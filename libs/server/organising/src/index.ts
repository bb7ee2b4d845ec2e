export * from './lib/organising.module';
export * from './lib/organising.service';
export * from './lib/public-programme.service';
export * from './lib/session-activity';
export * from './lib/session-cancellation';
export * from './lib/if-match';
