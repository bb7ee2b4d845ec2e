import { ACCESS_ENTITIES } from '@plenary/server-access';
import { CORE_ENTITIES } from '@plenary/server-core';
import { PROGRAMME_ENTITIES } from '@plenary/server-programme';

/** Every entity of the api, by bounded context. The schema check compares these with the migrations. */
export const API_ENTITIES = [...CORE_ENTITIES, ...PROGRAMME_ENTITIES, ...ACCESS_ENTITIES];
