import pino, { type Logger } from 'pino';
import { FailureLog } from './failure-log';

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A real pino logger writing JSON lines into memory. */
function recordingLogger(): { lines: Line[]; logger: Logger } {
  const lines: Line[] = [];
  const logger = pino(
    { base: undefined, timestamp: false, formatters: { level: (label) => ({ level: label }) } },
    {
      write: (json: string) => {
        const { level, msg, ...fields } = JSON.parse(json) as Record<string, unknown>;
        lines.push({ level: String(level), fields, message: String(msg) });
      },
    },
  );
  return { lines, logger };
}

const refused = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const statementTimeout = (): Error =>
  Object.assign(new Error('canceling statement due to statement timeout'), {
    code: '57014',
    query: 'SELECT * FROM people WHERE email = $1',
    parameters: ['ada@example.org'],
  });

describe(FailureLog.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('logs an outage once per kind per interval, then the count of the failures it held back', () => {
    const { lines, logger } = recordingLogger();
    const log = new FailureLog(logger, 10_000);

    for (let i = 0; i < 500; i++) expect(log.recordOutage(refused(), 'request')).toBe('postgres-unreachable');
    log.recordOutage(statementTimeout(), 'request');
    expect(lines.map((line) => line.fields['kind'])).toEqual([
      'postgres-unreachable',
      'postgres-statement-timeout',
    ]);
    expect(lines.every((line) => line.level === 'warn')).toBe(true);

    // The window ends: one line with the 499 held back; failures in the next window are counted again.
    log.recordOutage(refused(), 'request');
    jest.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.fields).toMatchObject({ kind: 'postgres-unreachable', failures: 500 });

    // A quiet window closes silently; the next failure is logged at once.
    jest.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(3);
    log.recordOutage(refused(), 'vote batch');
    expect(lines).toHaveLength(4);
    expect(lines[3]?.fields).toMatchObject({ kind: 'postgres-unreachable', context: 'vote batch' });
    log.onApplicationShutdown();
  });

  it('writes the driver code and message, never the statement, its parameters or a stack', () => {
    const { lines, logger } = recordingLogger();
    const log = new FailureLog(logger);
    const wrapped = Object.assign(new Error('Query failed'), { driverError: statementTimeout() });
    log.recordOutage(wrapped, 'request');
    const [line] = lines;
    expect(line?.fields['reason']).toEqual({
      code: '57014',
      message: 'canceling statement due to statement timeout',
    });
    expect(JSON.stringify(line)).not.toMatch(/ada@example\.org|SELECT|stack/);
    log.onApplicationShutdown();
  });

  it('logs anything else as an unexpected error with its stack, every time', () => {
    const { lines, logger } = recordingLogger();
    const log = new FailureLog(logger);
    const bug = new TypeError('x is undefined');
    expect(log.record(bug, 'socket event')).toBeNull();
    expect(log.record(bug, 'socket event')).toBeNull();
    expect(log.recordOutage(bug, 'socket event')).toBeNull();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 'error', message: 'socket event: unexpected error' });
      expect(line.fields).toMatchObject({
        context: 'socket event',
        err: {
          type: 'TypeError',
          message: 'x is undefined',
          stack: expect.stringContaining('TypeError') as unknown,
        },
      });
    }
  });
});
