import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, isJobName, jobIdForRun, parsePayload } from './jobs';

describe('job registry', () => {
  it('accepts a payload that carries a run id', () => {
    const runId = '6f1c1f9e-8f7a-4f0e-9b8e-2f2b7c1c0a11';
    expect(parsePayload('server.check', { runId })).toEqual({ runId });
  });

  it.each([{}, { runId: 'not-a-uuid' }, { runId: '6f1c1f9e-8f7a-4f0e-9b8e-2f2b7c1c0a11', extra: 1 }, null])(
    'rejects %j with a message naming the job',
    (payload) => {
      expect(() => parsePayload('server.check', payload)).toThrow(InvalidPayloadError);
      expect(() => parsePayload('server.check', payload)).toThrow(/server\.check/);
    },
  );

  it('derives a colon-free job id from the run id so one run is one job', () => {
    expect(jobIdForRun('abc')).toBe('run-abc');
    expect(jobIdForRun('abc')).not.toContain(':');
  });

  it('knows its job names', () => {
    expect(isJobName('server.check')).toBe(true);
    expect(isJobName('toString')).toBe(false);
  });
});
