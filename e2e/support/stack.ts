import { readFileSync } from 'node:fs';

/** What the global setup started, shared with the specs through a JSON file. */
export type Stack = {
  baseURL: string;
  admin: { username: string; password: string };
  /** A PostgreSQL 15 for the specs to register; `url` connects as its superuser (trust). */
  target: { conninfo: string; major: number; url: string };
  /** The catalog the web and workers use, for specs that lay out a large catalog directly. */
  catalogUrl: string;
};

export function readStack(): Stack {
  const file = process.env.CELLAR_E2E_STATE;
  if (!file) throw new Error('CELLAR_E2E_STATE is not set: run the specs through playwright (global setup).');
  return JSON.parse(readFileSync(file, 'utf8')) as Stack;
}
