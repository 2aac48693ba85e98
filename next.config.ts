import type { NextConfig } from 'next';

const config: NextConfig = {
  // Native and socket-heavy packages run as plain Node modules, never bundled.
  serverExternalPackages: ['bullmq', 'ioredis', 'ssh2', 'pg', '@node-rs/argon2', 'pino', 'zstd-napi', 'lz4-napi', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
