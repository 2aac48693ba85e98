import type { AuditEventView } from './audit-event-view';

const columns = [
  'id',
  'at',
  'actorType',
  'actorName',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'details',
] as const;

/** RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end in CRLF. */
export function csvField(value: string): string {
  // A login form lets anyone put text in the trail (the attempted username). A cell starting
  // with = + - @ would run as a formula when an admin opens the export in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsvHeader(): string {
  return `${columns.join(',')}\r\n`;
}

export function auditCsvRow(event: AuditEventView): string {
  const cells = columns.map((column) => {
    const value = event[column];
    if (value === null || value === undefined) return '';
    return csvField(typeof value === 'string' ? value : JSON.stringify(value));
  });
  return `${cells.join(',')}\r\n`;
}

export function auditEventsToCsv(events: AuditEventView[]): string {
  return auditCsvHeader() + events.map(auditCsvRow).join('');
}
