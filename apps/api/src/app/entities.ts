import { PROGRAMME_ENTITIES } from '@plenary/server-programme';

/** Every entity of the api, by bounded context. The schema check compares these with the migrations. */
export const API_ENTITIES = [...PROGRAMME_ENTITIES];
