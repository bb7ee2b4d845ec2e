import { Injectable, type PipeTransform } from '@nestjs/common';
import { toValidationIssues } from '@plenary/contracts';
import type { z } from 'zod';
import { CoreException } from '../errors/core.exception';

/** Parses input with a contract schema or throws `core/validation-failed` listing every issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CoreException(
      'core/validation-failed',
      'The request is not valid.',
      toValidationIssues(result.error),
    );
  }
  return result.data;
}

/** Nest pipe over `parseInput`, for `@Param()`, `@Query()` and `@Body()`. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseInput(this.schema, value);
  }
}
