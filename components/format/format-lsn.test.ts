import { describe, expect, it } from 'vitest';
import { describeLsn, lsnPosition } from './format-lsn';

describe('LSNs', () => {
  it('reads an LSN as a 64-bit byte position', () => {
    expect(lsnPosition('0/0')).toBe(0n);
    expect(lsnPosition('16/B374D848')).toBe(0x16b374d848n);
    expect(lsnPosition('FFFFFFFF/FFFFFFFF')).toBe(0xffffffffffffffffn);
    expect(lsnPosition('nope')).toBeNull();
  });

  it('names the segment an LSN falls in', () => {
    expect(describeLsn('16/B374D848', 1)).toBe(
      'LSN 16/B374D848 = byte 97,500,059,720 of the WAL stream, in segment 0000000100000016000000B3',
    );
  });
});
