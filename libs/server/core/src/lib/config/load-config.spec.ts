import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('applies development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      API_PORT: 3000,
      LIVE_PORT: 3001,
      API_WORKERS: 1,
      SEED_DEMO: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.allowedOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nonsense' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ REDIS_URL: 'http://localhost' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://ok.example, not a url' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ DATABASE_URL: 'nonsense', LOG_LEVEL: 'chatty' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses development LiveKit secrets and a missing database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /LIVEKIT_API_SECRET[\s\S]*AUTH_SECRET[\s\S]*TICKET_SIGNING_SECRET[\s\S]*DATABASE_URL/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'b'.repeat(40),
      TICKET_SIGNING_SECRET: 'c'.repeat(40),
      DATABASE_URL: 'postgres://db/plenary',
      LIVEKIT_API_KEY: 'APIprodkey',
      LIVEKIT_API_SECRET: 'a'.repeat(40),
      PUBLIC_URL: 'https://plenary.example.org/some/path',
    });
    expect(config.SEED_DEMO).toBe(false);
    expect(config.allowedOrigins).toEqual(['https://plenary.example.org']);
  });

  it('reads API_WORKERS as a count from 1 to 64 or auto', () => {
    expect(loadConfig({ API_WORKERS: '1' }).API_WORKERS).toBe(1);
    expect(loadConfig({ API_WORKERS: '4' }).API_WORKERS).toBe(4);
    expect(loadConfig({ API_WORKERS: '64' }).API_WORKERS).toBe(64);
    expect(loadConfig({ API_WORKERS: 'auto' }).API_WORKERS).toBe(Math.min(64, availableParallelism()));
    expect(loadConfig({ API_WORKERS: '' }).API_WORKERS).toBe(1);
    for (const bad of ['0', '65', '-2', '1.5', '2e1', 'four', 'AUTO', ' 2']) {
      expect(() => loadConfig({ API_WORKERS: bad })).toThrow(
        /API_WORKERS: must be an integer from 1 to 64, or auto/,
      );
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });
});
