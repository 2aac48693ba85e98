import { describe, expect, it } from 'vitest';
import { auditEventsToCsv, csvField } from './audit-csv';
import type { AuditEventView } from './audit-event-view';

const event: AuditEventView = {
  id: '42',
  at: '2026-11-28T09:00:00.000Z',
  actorType: 'user',
  actorId: 'u1',
  actorName: 'alice',
  action: 'server.create',
  targetType: 'server',
  targetId: 'main',
  outcome: 'success',
  ip: '10.0.0.1',
  userAgent: 'Mozilla/5.0 (X11, Linux)',
  requestId: 'r1',
  details: { name: 'main', note: 'say "hi"' },
};

describe('audit CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('renders a header and one CRLF-terminated line per event, details as JSON', () => {
    const csv = auditEventsToCsv([event, { ...event, id: '41', actorId: null, ip: null, details: null }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actorType,actorName,actorId,action,targetType,targetId,outcome,ip,userAgent,requestId,details',
    );
    expect(lines[1]).toBe(
      '42,2026-11-28T09:00:00.000Z,user,alice,u1,server.create,server,main,success,10.0.0.1,"Mozilla/5.0 (X11, Linux)",r1,"{""name"":""main"",""note"":""say \\""hi\\""""}"',
    );
    expect(lines[2]).toBe(
      '41,2026-11-28T09:00:00.000Z,user,alice,,server.create,server,main,success,,"Mozilla/5.0 (X11, Linux)",r1,',
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});
