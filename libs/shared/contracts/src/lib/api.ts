/** Base path of every REST endpoint of the api. */
export const API_PREFIX = '/api';
