import 'vitest';

// What global-setup.ts hands to integration test files through project.provide / inject.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting Vitest's interface needs declaration merging
  export interface ProvidedContext {
    /** Superuser URL of the private catalog server's `postgres` database. */
    catalogAdminUrl: string;
    /** Database with every migration applied; createTestCatalog copies it. */
    catalogTemplate: string;
    /** The private Redis (never the machine's 6379). */
    redisUrl: string;
  }
}
