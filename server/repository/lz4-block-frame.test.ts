import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { decompressFrameSync } from 'lz4-napi';
import { describe, expect, it } from 'vitest';
import { compressLz4Frame } from './lz4-block-frame';
import { parseLz4Header, scanLz4Frame } from './lz4-frames';

const MiB = 1024 * 1024;
const page = Buffer.from('PostgreSQL heap page '.repeat(400));

function hasLz4Cli(): boolean {
  try {
    execFileSync('lz4', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('compressLz4Frame', () => {
  it.each<[string, Buffer]>([
    ['empty content', Buffer.alloc(0)],
    ['one byte', Buffer.from([42])],
    ['compressible pages', Buffer.concat(Array.from({ length: 200 }, () => page))],
    ['random bytes (stored uncompressed)', randomBytes(300 * 1024)],
    ['more than one 4 MiB block', Buffer.concat([Buffer.alloc(4 * MiB, 7), randomBytes(MiB + 3)])],
  ])('writes a frame of %s that decodes to the same bytes and declares its size', (_name, content) => {
    const frame = compressLz4Frame(content);
    expect(decompressFrameSync(frame).equals(content)).toBe(true);
    const header = parseLz4Header(frame);
    expect(header.kind === 'frame' && header.descriptor.contentSize).toBe(content.length);
    const scan = scanLz4Frame(frame);
    expect(scan.kind === 'frame' && scan.length).toBe(frame.length);
  });

  it('shrinks compressible data and never grows random data by more than the framing', () => {
    const pages = Buffer.concat(Array.from({ length: 100 }, () => page));
    expect(compressLz4Frame(pages).length).toBeLessThan(pages.length / 10);
    const noise = randomBytes(MiB);
    expect(compressLz4Frame(noise).length).toBe(noise.length + 15 + 4 + 4);
  });

  it.skipIf(!hasLz4Cli())('is read by the lz4 command-line tool, concatenated', () => {
    const parts = [Buffer.concat(Array.from({ length: 50 }, () => page)), randomBytes(70_000), Buffer.alloc(0)];
    const stored = Buffer.concat(parts.map(compressLz4Frame));
    expect(execFileSync('lz4', ['-d', '-c'], { input: stored }).equals(Buffer.concat(parts))).toBe(true);
  });
});
