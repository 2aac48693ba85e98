import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { endOfArchive, gnuLongEntry, paxEntry, paxRecord, tarEntry, tarHeader } from './tar-builder';
import { parseNumericField } from './tar-header';
import { createTarParser, TarError, type TarHeader, type TarSummary } from './tar-stream';

type Parsed = TarHeader & { body: Buffer; ended: boolean };

function collector() {
  const entries: Parsed[] = [];
  const parser = createTarParser((header) => {
    const entry: Parsed = { ...header, body: Buffer.alloc(0), ended: false };
    entries.push(entry);
    return {
      write(chunk) {
        entry.body = Buffer.concat([entry.body, chunk]);
      },
      end() {
        entry.ended = true;
      },
    };
  });
  return { entries, parser };
}

async function parse(
  bytes: Buffer,
  chunkSize = bytes.length || 1,
): Promise<{ entries: Parsed[]; summary: TarSummary }> {
  const { entries, parser } = collector();
  for (let pos = 0; pos < bytes.length; pos += chunkSize)
    await parser.write(bytes.subarray(pos, pos + chunkSize));
  return { entries, summary: await parser.end() };
}

async function parseSplit(bytes: Buffer, at: number): Promise<Parsed[]> {
  const { entries, parser } = collector();
  await parser.write(bytes.subarray(0, at));
  await parser.write(bytes.subarray(at));
  await parser.end();
  return entries;
}

const fixture = (name: string) => gunzipSync(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const summaryOf = (entries: Parsed[]) =>
  entries.map((e) => ({
    path: e.path,
    type: e.type,
    size: e.size,
    link: e.linkname,
    body: e.body.toString('hex'),
    ended: e.ended,
  }));

const long150 = `${'d'.repeat(60)}/${'e'.repeat(50)}/${'f'.repeat(38)}.dat`;
const long300 = `${'a'.repeat(90)}/${'b'.repeat(90)}/${'c'.repeat(90)}/${'g'.repeat(26)}.dat`;
const long300Sha = '81ddd23c82e92721ba6d4fef43b4e6ebc7cb1fecf7e4fd93655f55cb91b1350c';

// Every kind of header the reader must handle, in one archive.
const mixedArchive = Buffer.concat([
  tarEntry({ path: 'base/', typeFlag: '5', mode: 0o700 }),
  tarEntry({ path: 'base/1/1259', mode: 0o600 }, Buffer.alloc(700, 7)),
  tarEntry({ path: 'pg_tblspc/16385', typeFlag: '2', linkname: '/srv/ts1' }),
  tarEntry({ path: 'hard', typeFlag: '1', linkname: 'base/1/1259' }),
  gnuLongEntry(`gnu/${'x'.repeat(296)}`, 'L'),
  gnuLongEntry(`target/${'y'.repeat(120)}`, 'K'),
  tarEntry({ path: 'truncated-name', typeFlag: '2', linkname: 'truncated-link', magic: 'gnu' }),
  paxEntry({ path: `pax/${'z'.repeat(400)}`, mtime: '1700000000.25', uid: '4294967296' }),
  tarEntry({ path: 'short' }, Buffer.from('pax body')),
  paxEntry({ comment: 'global' }, 'g'),
  tarEntry({ path: 'empty' }),
  tarEntry({ path: 'exact-block' }, Buffer.alloc(512, 1)),
  endOfArchive(),
]);

describe('tar stream: entries', () => {
  it('reads files, directories, symlinks, hardlinks with their bodies and metadata', async () => {
    const { entries, summary } = await parse(mixedArchive);
    expect(summary).toEqual({ entries: 8, bytes: mixedArchive.length, sawEndMarker: true });
    expect(entries.map((e) => [e.path, e.type, e.size, e.linkname])).toEqual([
      ['base/', 'directory', 0, ''],
      ['base/1/1259', 'file', 700, ''],
      ['pg_tblspc/16385', 'symlink', 0, '/srv/ts1'],
      ['hard', 'hardlink', 0, 'base/1/1259'],
      [`gnu/${'x'.repeat(296)}`, 'symlink', 0, `target/${'y'.repeat(120)}`],
      [`pax/${'z'.repeat(400)}`, 'file', 8, ''],
      ['empty', 'file', 0, ''],
      ['exact-block', 'file', 512, ''],
    ]);
    expect(entries.every((e) => e.ended)).toBe(true);
    expect(entries[1]?.body).toEqual(Buffer.alloc(700, 7));
    expect(entries[5]?.body.toString()).toBe('pax body');
    expect(entries[7]?.body).toEqual(Buffer.alloc(512, 1));
    expect(entries[1]).toMatchObject({
      mode: 0o600,
      uid: 1000,
      gid: 1000,
      uname: 'postgres',
      mtime: new Date(1_700_000_000_000),
    });
    expect(entries[0]?.mode).toBe(0o700);
  });

  it('applies pax mtime (fractional) and uid beyond the octal field, to the next entry only', async () => {
    const { entries } = await parse(mixedArchive);
    expect(entries[5]?.mtime).toEqual(new Date(1_700_000_000_250));
    expect(entries[5]?.uid).toBe(4_294_967_296);
    expect(entries[6]).toMatchObject({ path: 'empty', uid: 1000, mtime: new Date(1_700_000_000_000) });
  });

  it('reports the offset of the first metadata block of an entry', async () => {
    const { entries } = await parse(mixedArchive);
    expect(entries.map((e) => e.offset)).toEqual([0, 512, 2048, 2560, 3072, 5632, 8704, 9216]);
  });

  it('hands file bodies over as views of the written chunks (no copy, memory O(chunk))', async () => {
    const views: boolean[] = [];
    const input = Buffer.concat([tarEntry({ path: 'big' }, Buffer.alloc(64 * 1024, 3)), endOfArchive()]);
    const parser = createTarParser(() => ({
      write: (chunk) => void views.push(chunk.buffer === input.buffer),
      end: () => undefined,
    }));
    for (let pos = 0; pos < input.length; pos += 4096) await parser.write(input.subarray(pos, pos + 4096));
    await parser.end();
    expect(views).toHaveLength(17);
    expect(views.every(Boolean)).toBe(true);
  });

  it('handles a write synchronously, without a promise, when the handler and sinks answer synchronously', async () => {
    const bodies: string[] = [];
    const parser = createTarParser(() => ({ write: (chunk) => void bodies.push(chunk.toString()), end: () => undefined }));
    const archive = Buffer.concat([tarEntry({ path: 'a' }, Buffer.from('one')), tarEntry({ path: 'b' }, Buffer.from('two'))]);
    expect(parser.write(archive)).toBeUndefined();
    expect(bodies).toEqual(['one', 'two']);
    const waiting = createTarParser(() => ({ write: () => new Promise<void>((resolve) => setImmediate(resolve)), end: () => undefined }));
    expect(waiting.write(archive)).toBeInstanceOf(Promise);
    expect((await parser.end()).entries).toBe(2);
  });

  it('skips the body of an entry whose handler returns no sink', async () => {
    const seen: string[] = [];
    const parser = createTarParser((header) => void seen.push(header.path));
    await parser.write(mixedArchive);
    expect((await parser.end()).entries).toBe(8);
    expect(seen).toHaveLength(8);
  });

  it('treats a NUL typeflag as a file and a trailing slash in a v7 header as a directory', async () => {
    const v7 = Buffer.concat([
      tarEntry({ path: 'old-dir/', magic: 'v7' }),
      tarEntry({ path: 'old-file', magic: 'v7', typeFlag: '\0' }, Buffer.from('x')),
      endOfArchive(),
    ]);
    const { entries } = await parse(v7);
    expect(entries.map((e) => [e.path, e.type, e.typeFlag])).toEqual([
      ['old-dir/', 'directory', '0'],
      ['old-file', 'file', '0'],
    ]);
  });

  it('reports devices, FIFOs and unknown types as "other", without a body for devices', async () => {
    const archive = Buffer.concat([
      tarEntry({ path: 'dev', typeFlag: '3', size: 0 }),
      tarEntry({ path: 'vendor', typeFlag: 'D' }, Buffer.from('dumpdir')),
      endOfArchive(),
    ]);
    const { entries } = await parse(archive);
    expect(entries.map((e) => [e.path, e.type, e.body.toString()])).toEqual([
      ['dev', 'other', ''],
      ['vendor', 'other', 'dumpdir'],
    ]);
  });

  it('ignores a size on a symlink header (no data blocks follow links)', async () => {
    const archive = Buffer.concat([
      tarHeader({ path: 'link', typeFlag: '2', linkname: 't', size: 100 }),
      tarEntry({ path: 'next' }, Buffer.from('n')),
      endOfArchive(),
    ]);
    const { entries } = await parse(archive);
    expect(entries.map((e) => [e.path, e.size])).toEqual([
      ['link', 0],
      ['next', 1],
    ]);
  });

  it('accepts an archive that stops at an entry boundary without the end marker (PostgreSQL server tars)', async () => {
    const archive = Buffer.concat([tarEntry({ path: 'PG_VERSION' }, Buffer.from('15\n'))]);
    const { entries, summary } = await parse(archive);
    expect(entries).toHaveLength(1);
    expect(summary).toEqual({ entries: 1, bytes: 1024, sawEndMarker: false });
  });

  it('accepts zero padding after the end marker (tar pads to whole records)', async () => {
    const { summary } = await parse(Buffer.concat([mixedArchive, Buffer.alloc(9 * 512)]));
    expect(summary.sawEndMarker).toBe(true);
    expect(summary.bytes).toBe(mixedArchive.length + 9 * 512);
  });
});

describe('tar stream: long names from GNU tar', () => {
  it('reads GNU-format long names (L) and long link targets (K)', async () => {
    const { entries, summary } = await parse(fixture('gnu-long-names.tar.gz'));
    expect(summary.sawEndMarker).toBe(true);
    const file = entries.find((e) => e.path.endsWith('.dat') && e.path.includes('ggg'));
    expect(file?.path).toBe(`./${long300}`);
    expect(
      createHash('sha256')
        .update(file?.body ?? '')
        .digest('hex'),
    ).toBe(long300Sha);
    expect(entries.find((e) => e.path === `./${long150}`)?.body.toString()).toBe('long name body\n');
    expect(entries.find((e) => e.type === 'symlink')).toMatchObject({
      path: './link-to-long',
      linkname: long300,
    });
    expect(entries.find((e) => e.path.startsWith('./na'))?.path).toBe('./naïve-é.txt');
    expect(entries.find((e) => e.path === './')?.mtime).toEqual(new Date('2024-01-02T03:04:05Z'));
  });

  it('reads pax-format long names, link targets and UTF-8 names', async () => {
    const { entries } = await parse(fixture('pax-long-names.tar.gz'));
    const gnu = await parse(fixture('gnu-long-names.tar.gz'));
    expect(summaryOf(entries)).toEqual(summaryOf(gnu.entries));
    expect(entries.some((e) => e.path.includes('PaxHeaders'))).toBe(false);
  });

  it('joins the ustar prefix and name fields', async () => {
    const { entries } = await parse(fixture('ustar-long-names.tar.gz'));
    expect(entries.map((e) => e.path)).toEqual([
      './',
      `./${'d'.repeat(60)}/`,
      `./${'d'.repeat(60)}/${'e'.repeat(50)}/`,
      `./${long150}`,
      './naïve-é.txt',
    ]);
    expect(entries[3]?.body.toString()).toBe('long name body\n');
  });

  it('keeps the exact bytes of a name that is not UTF-8', async () => {
    const name = Buffer.from([0x66, 0xff, 0x2e, 0x64]);
    const { entries } = await parse(Buffer.concat([tarEntry({ path: name }), endOfArchive()]));
    expect(entries[0]?.pathBytes).toEqual(name);
  });
});

describe('tar stream: chunk boundaries', () => {
  it('gives the same result for a split at every byte boundary', async () => {
    const expected = summaryOf((await parse(mixedArchive)).entries);
    for (let at = 1; at < mixedArchive.length; at++) {
      expect(summaryOf(await parseSplit(mixedArchive, at)), `split at ${at}`).toEqual(expected);
    }
    // Thousands of parses: on a busy 2-core machine this takes longer than the default 5 s.
  }, 30_000);

  it('gives the same result for every chunk size up to two blocks, and one byte at a time', async () => {
    const archive = fixture('pax-long-names.tar.gz');
    const expected = summaryOf((await parse(archive)).entries);
    for (let size = 1; size <= 1024; size += size < 16 ? 1 : 37) {
      expect(summaryOf((await parse(archive, size)).entries), `chunks of ${size}`).toEqual(expected);
    }
  });
});

describe('tar stream: sizes', () => {
  it('decodes a base-256 size of 10 GiB without reading the body', async () => {
    const size = 10 * 1024 ** 3;
    const headers: TarHeader[] = [];
    let received = 0;
    const parser = createTarParser((header) => {
      headers.push(header);
      return { write: (chunk) => void (received += chunk.length), end: () => undefined };
    });
    await parser.write(tarHeader({ path: 'base/1/huge', size, sizeEncoding: 'base256' }));
    await parser.write(Buffer.alloc(1024 * 1024));
    expect(headers[0]?.size).toBe(size);
    expect(received).toBe(1024 * 1024);
    await expect(parser.end()).rejects.toThrow(/truncated/);
  });

  it('reads a small body behind a base-256 size, and a pax size overriding the header', async () => {
    const archive = Buffer.concat([
      tarEntry({ path: 'b256', sizeEncoding: 'base256' }, Buffer.from('binary size')),
      paxEntry({ size: '3' }),
      tarEntry({ path: 'paxsize', size: 0 }),
      Buffer.from('abc'),
      Buffer.alloc(509),
      endOfArchive(),
    ]);
    const { entries } = await parse(archive);
    expect(entries.map((e) => [e.path, e.body.toString()])).toEqual([
      ['b256', 'binary size'],
      ['paxsize', 'abc'],
    ]);
  });

  it('reads a pax size above 8 GiB', async () => {
    const headers: TarHeader[] = [];
    const parser = createTarParser((header) => void headers.push(header));
    await parser.write(
      Buffer.concat([paxEntry({ size: '9000000000' }), tarHeader({ path: 'huge', size: 0 })]),
    );
    expect(headers[0]?.size).toBe(9_000_000_000);
  });

  it('parses octal with leading spaces and NUL or space terminators, and base-256 negatives', () => {
    expect(parseNumericField(Buffer.from('  0644 \0'), 'mode', 0)).toBe(0o644);
    expect(parseNumericField(Buffer.from('00000001750\0'), 'size', 0)).toBe(1000);
    expect(parseNumericField(Buffer.alloc(12), 'size', 0)).toBe(0);
    expect(parseNumericField(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]), 'mtime', 0)).toBe(
      -2,
    );
    expect(() => parseNumericField(Buffer.from('12a4\0'), 'size', 0)).toThrow(/not an octal number/);
    expect(() =>
      parseNumericField(
        Buffer.from([0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        'size',
        0,
      ),
    ).toThrow(/too large/);
  });
});

describe('tar stream: corruption', () => {
  it('rejects a header whose checksum does not match, then every later write', async () => {
    const { parser } = collector();
    const bad = Buffer.concat([
      tarEntry({ path: 'ok' }, Buffer.from('1')),
      tarHeader({ path: 'bad', checksumError: 1 }),
    ]);
    const failure = parser.write(bad);
    await expect(failure).rejects.toThrow(TarError);
    await expect(failure).rejects.toThrow(/checksum mismatch.*offset 1024/);
    await expect(parser.write(endOfArchive())).rejects.toThrow(/checksum mismatch/);
    await expect(parser.end()).rejects.toThrow(/checksum mismatch/);
  });

  it('detects a flipped byte anywhere in a header', async () => {
    const header = tarHeader({ path: 'base/1/1259', size: 0 });
    for (const at of [0, 100, 124, 156, 257, 400, 511]) {
      const corrupt = Buffer.from(header);
      corrupt[at] = (corrupt[at] ?? 0) ^ 0x01;
      await expect(parse(corrupt), `byte ${at}`).rejects.toThrow(/checksum mismatch/);
    }
  });

  it('accepts the signed checksum old tars computed', async () => {
    const header = tarHeader({ path: Buffer.from([0xe9]) });
    let signed = 0;
    for (let i = 0; i < 512; i++)
      signed +=
        i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0) >= 0x80 ? (header[i] ?? 0) - 256 : (header[i] ?? 0);
    header.write(`${signed.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
    expect((await parse(header)).entries).toHaveLength(1);
  });

  it('rejects random bytes, a lone zero block inside the archive, and data after the end marker', async () => {
    await expect(parse(Buffer.alloc(512, 0x41))).rejects.toThrow(/checksum mismatch/);
    await expect(parse(Buffer.concat([Buffer.alloc(512), tarEntry({ path: 'x' })]))).rejects.toThrow(
      /zero block inside/,
    );
    await expect(parse(Buffer.concat([endOfArchive(), Buffer.from('junk')]))).rejects.toThrow(
      /after the end-of-archive/,
    );
  });

  it('rejects an archive truncated inside a header, a body, padding or after metadata', async () => {
    const entry = tarEntry({ path: 'f' }, Buffer.from('hello'));
    for (const cut of [100, 512 + 3, 512 + 200])
      await expect(parse(entry.subarray(0, cut)), `cut ${cut}`).rejects.toThrow(/truncated/);
    await expect(parse(gnuLongEntry('x'.repeat(200), 'L'))).rejects.toThrow(/truncated/);
    await expect(parse(Buffer.concat([paxEntry({ path: 'p' }), endOfArchive()]))).rejects.toThrow(
      /not followed by an entry/,
    );
  });

  it('rejects malformed pax records and oversized metadata', async () => {
    const malformed = tarEntry({ path: 'PaxHeaders/x', typeFlag: 'x' }, Buffer.from('99 path=x\n'));
    await expect(parse(Buffer.concat([malformed, tarEntry({ path: 'f' })]))).rejects.toThrow(/Malformed pax/);
    const noEquals = tarEntry({ path: 'PaxHeaders/x', typeFlag: 'x' }, Buffer.from('8 pathx\n'));
    await expect(parse(Buffer.concat([noEquals, tarEntry({ path: 'f' })]))).rejects.toThrow(/without "="/);
    const badNumber = paxEntry({ size: '12x' });
    await expect(parse(Buffer.concat([badNumber, tarEntry({ path: 'f' })]))).rejects.toThrow(/not a number/);
    const parser = createTarParser(() => undefined, { maxMetadataBytes: 100 });
    await expect(parser.write(paxEntry({ path: 'p'.repeat(200) }))).rejects.toThrow(
      /exceeds the 100-byte limit/,
    );
  });

  it('tolerates NUL padding after pax records', async () => {
    const body = Buffer.concat([Buffer.from(paxRecord('path', 'padded')), Buffer.alloc(10)]);
    const { entries } = await parse(
      Buffer.concat([
        tarEntry({ path: 'PaxHeaders/x', typeFlag: 'x' }, body),
        tarEntry({ path: 'f' }),
        endOfArchive(),
      ]),
    );
    expect(entries[0]?.path).toBe('padded');
  });

  it('refuses writes after end()', async () => {
    const parser = createTarParser(() => undefined);
    await parser.end();
    await expect(parser.write(endOfArchive())).rejects.toThrow(/after end/);
  });
});

describe('tar stream: backpressure', () => {
  it('settles write() only after the sink settled, and keeps queued chunks in order', async () => {
    const releases: (() => void)[] = [];
    const log: string[] = [];
    const parser = createTarParser((header) => ({
      write: (chunk) =>
        new Promise<void>((resolve) => {
          log.push(`${header.path}:${chunk.toString()}`);
          releases.push(resolve);
        }),
      end: () => void log.push(`${header.path}:end`),
    }));
    const archive = Buffer.concat([tarEntry({ path: 'a' }, Buffer.from('1234')), endOfArchive()]);
    let firstDone = false;
    const first = Promise.resolve(parser.write(archive.subarray(0, 514))).then(() => (firstDone = true));
    const second = parser.write(archive.subarray(514));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['a:12']);
    expect(firstDone).toBe(false);
    releases.shift()?.();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['a:12', 'a:34']);
    releases.shift()?.();
    await second;
    expect(log).toEqual(['a:12', 'a:34', 'a:end']);
    expect((await parser.end()).entries).toBe(1);
  });

  it('awaits an async entry handler before reading the body', async () => {
    const log: string[] = [];
    const parser = createTarParser(async (header) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`open ${header.path}`);
      return { write: () => void log.push('data'), end: () => void log.push('close') };
    });
    await parser.write(Buffer.concat([tarEntry({ path: 'a' }, Buffer.from('x')), endOfArchive()]));
    expect(log).toEqual(['open a', 'data', 'close']);
  });

  it('fails the write, and the parser, when a sink fails', async () => {
    const parser = createTarParser(() => ({
      write: () => Promise.reject(new Error('disk full')),
      end: () => undefined,
    }));
    await expect(parser.write(Buffer.concat([tarEntry({ path: 'a' }, Buffer.from('x'))]))).rejects.toThrow(
      'disk full',
    );
    await expect(parser.write(endOfArchive())).rejects.toThrow('disk full');
  });
});
