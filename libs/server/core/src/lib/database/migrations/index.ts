import { Programme1795725482017 } from './1795725482017-Programme';
import { Access1795727538706 } from './1795727538706-Access';
import { RetentionDays1795727917970 } from './1795727917970-RetentionDays';
import { Media1795728631575 } from './1795728631575-Media';
import { Checkin1795728746171 } from './1795728746171-Checkin';
import { Engagement1795728815149 } from './1795728815149-Engagement';
import { UnifyConfidentiality1795735683898 } from './1795735683898-UnifyConfidentiality';
import { OnlinePresence1795735848255 } from './1795735848255-OnlinePresence';
import { RegistrationIntegrity1796659344759 } from './1796659344759-RegistrationIntegrity';
import { WritableProgramme1796659463338 } from './1796659463338-WritableProgramme';
import { JobsAndImports1796659640150 } from './1796659640150-JobsAndImports';
import { AgendaStars1796670755326 } from './1796670755326-AgendaStars';
import { AgendaFeeds1796670904977 } from './1796670904977-AgendaFeeds';
import { MailReplyTo1796670856289 } from './1796670856289-MailReplyTo';
import { SpeakerPhotos1796670923788 } from './1796670923788-SpeakerPhotos';
import { SessionChanges1796672477162 } from './1796672477162-SessionChanges';
import { AgendaDigests1796677074807 } from './1796677074807-AgendaDigests';

/** Every migration, in order. Append-only: never edit a migration that has been merged. */
export const MIGRATIONS = [
  Programme1795725482017,
  Access1795727538706,
  RetentionDays1795727917970,
  Media1795728631575,
  Checkin1795728746171,
  Engagement1795728815149,
  UnifyConfidentiality1795735683898,
  OnlinePresence1795735848255,
  RegistrationIntegrity1796659344759,
  WritableProgramme1796659463338,
  JobsAndImports1796659640150,
  AgendaStars1796670755326,
  MailReplyTo1796670856289,
  AgendaFeeds1796670904977,
  SpeakerPhotos1796670923788,
  SessionChanges1796672477162,
  AgendaDigests1796677074807,
];
