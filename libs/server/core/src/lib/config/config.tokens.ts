/** Injection token of the parsed `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token of the service name (`api`, `live`), used in logs and metrics. */
export const APP_NAME = Symbol('APP_NAME');
