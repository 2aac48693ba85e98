import { pino, type Logger } from 'pino';

// LOG_LEVEL picks the level; CELLAR_DEBUG=1 is the debug mode (everything, including protocol detail).
const level = process.env.CELLAR_DEBUG === '1' ? 'debug' : (process.env.LOG_LEVEL ?? 'info');

export const logger: Logger = pino({
  level,
  base: { pid: process.pid },
  redact: { paths: ['*.password', '*.token', '*.secret', '*.privateKey', 'password', 'token'], censor: '[redacted]' },
});

export type { Logger };
