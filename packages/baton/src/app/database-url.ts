import { BatonError } from '@baton/core';

type DatabaseConfig = { driver: 'sqlite'; path: string };

/**
 * Reads `sqlite:./baton.db`, `sqlite::memory:`, `:memory:` or a bare file path.
 * PostgreSQL URLs are recognised and refused with a clear word until its driver lands.
 */
function parseDatabaseUrl(url: string): DatabaseConfig {
  const trimmed = url.trim();
  if (trimmed === '') throw new BatonError({ code: 'CONFIG_INVALID', message: 'database: empty; use sqlite:./baton.db or sqlite::memory:' });
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    throw new BatonError({ code: 'CONFIG_INVALID', message: 'database: the PostgreSQL driver is not in this version yet; use sqlite:PATH' });
  }
  if (trimmed === ':memory:' || trimmed === 'sqlite::memory:') return { driver: 'sqlite', path: ':memory:' };
  if (trimmed.startsWith('sqlite://')) return { driver: 'sqlite', path: trimmed.slice('sqlite://'.length) };
  if (trimmed.startsWith('sqlite:')) return { driver: 'sqlite', path: trimmed.slice('sqlite:'.length) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new BatonError({ code: 'CONFIG_INVALID', message: `database: unknown scheme in "${trimmed.split(':')[0]}:"; use sqlite:PATH` });
  }
  return { driver: 'sqlite', path: trimmed };
}

export { parseDatabaseUrl };
export type { DatabaseConfig };
