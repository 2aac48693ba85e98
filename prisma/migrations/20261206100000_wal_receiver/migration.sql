-- The streaming WAL receiver: its state per server, and partial segments in the archive (the
-- last, unfinished segment of a timeline that ended, as pg_receivewal and a promotion leave it).
ALTER TYPE "WalFileKind" ADD VALUE 'partial';

CREATE TYPE "ReceiverState" AS ENUM ('running', 'stopped', 'error');

CREATE TABLE "wal_receivers" (
    "server_id" UUID NOT NULL,
    "stop_requested" BOOLEAN NOT NULL DEFAULT false,
    "reset_requested" BOOLEAN NOT NULL DEFAULT false,
    "resume_lsn" TEXT,
    "resume_timeline" INTEGER,
    "state" "ReceiverState" NOT NULL DEFAULT 'stopped',
    "slot_name" TEXT,
    "timeline" INTEGER,
    "received_lsn" TEXT,
    "flushed_lsn" TEXT,
    "server_lsn" TEXT,
    "lag_bytes" BIGINT,
    "lag_ms" INTEGER,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ,
    "owner_host" TEXT,
    "owner_pid" INTEGER,
    "started_at" TIMESTAMPTZ,
    "heartbeat_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "wal_receivers_pkey" PRIMARY KEY ("server_id")
);

ALTER TABLE "wal_receivers" ADD CONSTRAINT "wal_receivers_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
