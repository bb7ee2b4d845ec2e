import type { z } from 'zod';
import { envSchema, type AppConfig } from './config.schema';

/** Thrown when the environment does not satisfy the schema; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(issue: z.core.$ZodIssue): string {
  const variable = issue.path.map(String).join('.') || 'environment';
  return `${variable}: ${issue.message}`;
}

/** Parses the environment once. Nothing else in the code base reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(defined);
  if (!result.success) throw new ConfigError(result.error.issues.map(describe));
  return result.data;
}

/** Loads the config or stops the process with a message naming the variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
      process.exit(78);
    }
    throw error;
  }
}
