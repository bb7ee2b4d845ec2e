export * from './lib/organising.module';
export * from './lib/organising.service';
export * from './lib/public-programme.service';
export * from './lib/session-activity';
export * from './lib/if-match';
export * from './lib/event-contact.service';
export * from './lib/photos/photo-pipeline';
export * from './lib/photos/speaker-photo.service';
