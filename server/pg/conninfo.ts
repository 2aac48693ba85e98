import {
  ConninfoError,
  conninfoKeywords,
  unknownKeywordMessage,
  valueProblem,
  type Conninfo,
} from './conninfo-keywords';

// libpq connection strings (libpq "Connection Strings"): `key=value` pairs, or a
// postgresql:// (or postgres://) URI. Parsed the way conninfo_parse() and conninfo_uri_parse()
// do, keeping each piece's raw text so a password can be cut out without rewriting the rest.

export { ConninfoError, conninfoKeywords, type Conninfo } from './conninfo-keywords';
export { toPgClientConfig, type PgClientConfig, type PgClientConfigOptions } from './conninfo-client';

type Piece = { keyword: string; value: string; raw: string };
type UriParts = {
  scheme: string;
  user?: string;
  hostRaw: string;
  portRaw?: string;
  dbRaw?: string;
  params: Piece[];
};
type Parsed = { record: Conninfo; pieces: Piece[]; uri?: UriParts };

const uriPrefix = /^postgres(?:ql)?:\/\//;
// C isspace() in the C locale.
const isSpace = (ch: string | undefined) => ch !== undefined && ' \t\n\v\f\r'.includes(ch);

export function parseConninfo(text: string): Conninfo {
  return parse(text).record;
}

/** Why `text` is not a usable conninfo, or undefined when it is. */
export function conninfoProblem(text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    if (error instanceof ConninfoError) return error.message;
    throw error;
  }
}

/** key=value form; values are quoted when empty or holding spaces, quotes or backslashes. */
export function formatConninfo(record: Conninfo): string {
  return Object.entries(record)
    .map(([keyword, value]) => `${keyword}=${quoteValue(value)}`)
    .join(' ');
}

/**
 * Takes the password out of a conninfo (`password=…`, `user:secret@` or `?password=…` in a URI),
 * leaving the rest as written, so it can be stored apart, encrypted. An empty password counts
 * as none (libpq then looks in the password file).
 */
export function splitPassword(conninfo: string): { conninfo: string; password?: string } {
  const { record, pieces, uri } = parse(conninfo);
  const password = record.password || undefined;
  if (record.password === undefined) return { conninfo };
  const rest = uri
    ? formatUri({ ...uri, params: uri.params.filter((p) => p.keyword !== 'password') })
    : pieces
        .filter((p) => p.keyword !== 'password')
        .map((p) => p.raw)
        .join(' ');
  return password === undefined ? { conninfo: rest } : { conninfo: rest, password };
}

function parse(text: string): Parsed {
  const parsed = uriPrefix.test(text) ? parseUri(text) : parseKeywordValue(text);
  for (const piece of parsed.pieces) {
    const problem = valueProblem(piece.keyword, piece.value);
    if (problem) throw new ConninfoError(problem);
  }
  return parsed;
}

function store(record: Conninfo, pieces: Piece[], piece: Piece, unknown: (keyword: string) => string): void {
  if (!conninfoKeywords.has(piece.keyword)) throw new ConninfoError(unknown(piece.keyword));
  record[piece.keyword] = piece.value;
  pieces.push(piece);
}

function parseKeywordValue(text: string): Parsed {
  const record: Conninfo = {};
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== '=' && !isSpace(text[i])) i++;
    const keyword = text.slice(start, i);
    while (isSpace(text[i])) i++;
    if (text[i] !== '=') throw new ConninfoError(`Missing "=" after "${keyword}" in the connection string.`);
    i++;
    while (isSpace(text[i])) i++;
    const { value, end } = text[i] === "'" ? readQuoted(text, i) : readBare(text, i);
    i = end;
    store(record, pieces, { keyword, value, raw: text.slice(start, end).trim() }, unknownKeywordMessage);
  }
  return { record, pieces };
}

// A backslash takes the next character literally, in bare and quoted values alike.
function readBare(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length && !isSpace(text[i])) {
    if (text[i] === '\\') i++;
    value += text[i] ?? '';
    i++;
  }
  return { value, end: i };
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      value += text[i] ?? '';
    } else if (text[i] === "'") {
      return { value, end: i + 1 };
    } else {
      value += text[i];
    }
  }
  throw new ConninfoError(
    'Unterminated quoted string in the connection string: close the value with a single quote.',
  );
}

function quoteValue(value: string): string {
  if (value !== '' && !/[\s'\\]/.test(value)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** postgresql://[user[:password]@][host][:port][/dbname][?keyword=value&…] */
function parseUri(text: string): Parsed {
  const scheme = text.slice(0, text.indexOf('://') + 3);
  const record: Conninfo = {};
  const pieces: Piece[] = [];
  const add = (keyword: string, raw: string) => {
    const value = percentDecode(raw);
    if (value !== '') store(record, pieces, { keyword, value, raw }, unknownKeywordMessage);
  };
  let rest = text.slice(scheme.length);
  const at = rest.search(/[@/?]/);
  let user: string | undefined;
  if (at >= 0 && rest[at] === '@') {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    add('user', user);
    if (colon >= 0) add('password', userinfo.slice(colon + 1));
    rest = rest.slice(at + 1);
  }
  const { hostRaw, portRaw, after } = splitHostPort(rest, text);
  add('host', hostRaw.startsWith('[') ? hostRaw.slice(1, -1) : hostRaw);
  if (portRaw !== undefined) add('port', portRaw);
  let dbRaw: string | undefined;
  rest = after;
  if (rest.startsWith('/')) {
    const q = rest.indexOf('?');
    dbRaw = q < 0 ? rest.slice(1) : rest.slice(1, q);
    add('dbname', dbRaw);
    rest = q < 0 ? '' : rest.slice(q);
  }
  const params = rest.startsWith('?') ? parseUriParams(rest.slice(1)) : [];
  for (const param of params)
    store(
      record,
      pieces,
      param,
      (keyword) => `Invalid URI query parameter "${keyword}". ${unknownKeywordMessage(keyword)}`,
    );
  const uri: UriParts = {
    scheme,
    hostRaw,
    params,
    ...(user === undefined ? {} : { user }),
    ...(portRaw === undefined ? {} : { portRaw }),
    ...(dbRaw === undefined ? {} : { dbRaw }),
  };
  return { record, pieces, uri };
}

function splitHostPort(rest: string, text: string): { hostRaw: string; portRaw?: string; after: string } {
  let end: number;
  if (rest.startsWith('[')) {
    end = rest.indexOf(']') + 1;
    if (end === 0) throw new ConninfoError(`Missing "]" after the IPv6 address in URI "${text}".`);
    if (end === 2) throw new ConninfoError('An IPv6 host address in a URI may not be empty.');
    if (end < rest.length && !':/?,'.includes(rest[end] ?? ''))
      throw new ConninfoError(
        `Unexpected "${rest[end]}" after the IPv6 address in the URI (expected ":" or "/").`,
      );
  } else {
    end = rest.search(/[:/?,]/);
    if (end < 0) end = rest.length;
  }
  const hostRaw = rest.slice(0, end);
  let after = rest.slice(end);
  let portRaw: string | undefined;
  if (after.startsWith(':')) {
    const portEnd = after.search(/[/?,]/);
    portRaw = portEnd < 0 ? after.slice(1) : after.slice(1, portEnd);
    after = portEnd < 0 ? '' : after.slice(portEnd);
  }
  if (after.startsWith(','))
    throw new ConninfoError('The URI lists several hosts; Cellar connects to one server: give one host.');
  return { hostRaw, ...(portRaw === undefined ? {} : { portRaw }), after };
}

function parseUriParams(query: string): Piece[] {
  return query
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const parts = raw.split('=');
      if (parts.length !== 2)
        throw new ConninfoError(
          `${parts.length < 2 ? 'Missing' : 'Extra'} "=" in URI query parameter "${raw}".`,
        );
      const keyword = percentDecode(parts[0] ?? '');
      const value = percentDecode(parts[1] ?? '');
      // libpq maps JDBC's ssl=true to sslmode=require.
      if (keyword === 'ssl' && value === 'true') return { keyword: 'sslmode', value: 'require', raw };
      return { keyword, value, raw };
    });
}

/** %XX escapes only; '+' stays '+'; %00 cannot be represented in a C string and is refused. */
function percentDecode(raw: string): string {
  if (!raw.includes('%')) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '%') {
      bytes.push(...Buffer.from(raw[i] ?? ''));
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex))
      throw new ConninfoError(`Invalid percent-encoded token "${raw.slice(i, i + 3)}" in the URI.`);
    if (hex === '00')
      throw new ConninfoError('The URI contains %00, which a connection parameter cannot hold.');
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

function formatUri(uri: UriParts): string {
  const userinfo = uri.user ? `${uri.user}@` : '';
  const port = uri.portRaw === undefined ? '' : `:${uri.portRaw}`;
  const db = uri.dbRaw === undefined ? '' : `/${uri.dbRaw}`;
  const query = uri.params.length > 0 ? `?${uri.params.map((p) => p.raw).join('&')}` : '';
  return `${uri.scheme}${userinfo}${uri.hostRaw}${port}${db}${query}`;
}
