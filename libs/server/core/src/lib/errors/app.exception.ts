import type { ErrorCode } from '@plenary/contracts';

/**
 * Base of every coded error. Each bounded context subclasses it with its own codes and maps each code to an
 * HTTP status with an exhaustive switch; the global filter renders it as the error envelope.
 */
export abstract class AppException<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  abstract get httpStatus(): number;

  /** Response headers that go with the error (e.g. `Location` of a redirect); none by default. */
  get headers(): Record<string, string> {
    return {};
  }
}

/** Narrows a thrown value to a coded error of any context. */
export function isAppException(value: unknown): value is AppException {
  return value instanceof AppException;
}
