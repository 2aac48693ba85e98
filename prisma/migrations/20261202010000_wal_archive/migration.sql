-- WAL archive: history files beside segments, the WAL index per segment, restore points.
CREATE TYPE "WalFileKind" AS ENUM ('segment', 'history', 'backup_history');

ALTER TABLE "wal_segments"
    ADD COLUMN "kind" "WalFileKind" NOT NULL DEFAULT 'segment',
    ADD COLUMN "first_xid" BIGINT,
    ADD COLUMN "last_xid" BIGINT,
    ADD COLUMN "commits" INTEGER,
    ADD COLUMN "aborts" INTEGER,
    ADD COLUMN "indexed_at" TIMESTAMPTZ;

CREATE TABLE "restore_points" (
    "id" BIGSERIAL NOT NULL,
    "server_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeline" INTEGER NOT NULL,
    "lsn" TEXT NOT NULL,
    "time" TIMESTAMPTZ NOT NULL,
    "segment" TEXT NOT NULL,
    CONSTRAINT "restore_points_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "restore_points_server_id_timeline_lsn_key" ON "restore_points"("server_id", "timeline", "lsn");
CREATE INDEX "restore_points_server_id_name_idx" ON "restore_points"("server_id", "name");
ALTER TABLE "restore_points" ADD CONSTRAINT "restore_points_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
