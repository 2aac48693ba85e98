import { toQueryString } from './fetch-json';

// The backup API's URLs. Server names and backup names may hold characters a path must escape
// (a backup name allows spaces and ":"), so every segment is encoded here and nowhere else.

export function backupsPath(server: string): string {
  return `/api/servers/${encodeURIComponent(server)}/backups`;
}

export function backupPath(server: string, ref: string): string {
  return `${backupsPath(server)}/${encodeURIComponent(ref)}`;
}

export type BackupListParams = {
  status?: string;
  search?: string;
  from?: string;
  to?: string;
  kept?: string;
  sort?: string;
  order?: string;
  offset?: number;
  cursor?: string;
  limit?: number;
};

export function backupListUrl(server: string, params: BackupListParams): string {
  return `${backupsPath(server)}${toQueryString(params)}`;
}

export function backupFilesUrl(
  server: string,
  ref: string,
  params: { search?: string; cursor?: string; limit?: number },
): string {
  return `${backupPath(server, ref)}/files${toQueryString({ ...params, search: params.search?.trim() })}`;
}

/** The console page of a backup (not the API). */
export function backupPageHref(server: string, backupId: string): string {
  return `/servers/${encodeURIComponent(server)}/backups/${encodeURIComponent(backupId)}`;
}
