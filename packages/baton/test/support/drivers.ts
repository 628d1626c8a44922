import { TEST_DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from './postgres.js';

/** The drivers a test runs on: options for createBaton, and the clean-up of what they made. */
interface TestDatabase {
  database: string;
  schema?: string;
  cleanup: () => Promise<void>;
}

/** SQLite in memory always; PostgreSQL (a fresh schema each time) where it can be reached. */
const TEST_DRIVERS: { name: string; open: () => TestDatabase }[] = [
  { name: 'sqlite', open: () => ({ database: 'sqlite::memory:', cleanup: async () => undefined }) },
  ...(postgresAvailable
    ? [
        {
          name: 'postgres',
          open: (): TestDatabase => {
            const schema = uniqueSchema('drv');
            return { database: TEST_DATABASE_URL, schema, cleanup: () => dropSchema(schema) };
          },
        },
      ]
    : []),
];

export { TEST_DRIVERS };
export type { TestDatabase };
