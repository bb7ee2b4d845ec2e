import { API_PREFIX } from '@plenary/contracts';

/**
 * GET /api/me/export: everything held about the signed-in person, as a JSON attachment. A plain link
 * (`<a href download>`): the session cookie authenticates it.
 */
export const personalDataExportUrl = `${API_PREFIX}/me/export`;
