import { ACCESS_ENTITIES } from '@plenary/server-access';
import { CHECKIN_ENTITIES } from '@plenary/server-checkin';
import { CORE_ENTITIES } from '@plenary/server-core';
import { ENGAGEMENT_ENTITIES } from '@plenary/server-engagement';
import { MEDIA_ENTITIES } from '@plenary/server-media';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';

/** Every entity of the api, by bounded context. The schema check compares these with the migrations. */
export const API_ENTITIES = [
  ...CORE_ENTITIES,
  ...PROGRAMME_ENTITIES,
  ...ACCESS_ENTITIES,
  ...MEDIA_ENTITIES,
  ...ENGAGEMENT_ENTITIES,
  ...CHECKIN_ENTITIES,
];
