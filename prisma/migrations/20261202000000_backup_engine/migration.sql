-- Backup engine: what show-backup reports, and one active backup run per server.
ALTER TABLE "backups"
    ADD COLUMN "compression_level" INTEGER,
    ADD COLUMN "checkpoint" TEXT,
    ADD COLUMN "wal_size" BIGINT,
    ADD COLUMN "file_count" INTEGER,
    ADD COLUMN "copy_ms" INTEGER,
    ADD COLUMN "reused_from" TEXT,
    ADD COLUMN "reused_files" INTEGER,
    ADD COLUMN "wal_segment_size" INTEGER,
    ADD COLUMN "data_checksums" BOOLEAN,
    ADD COLUMN "tablespaces" JSONB,
    ADD COLUMN "verified_at" TIMESTAMPTZ,
    ADD COLUMN "verify_status" TEXT;

CREATE INDEX "backups_run_id_idx" ON "backups"("run_id");

-- A second backup request for a server while one is queued or running is refused (409) by this
-- index, not by a check-then-insert that two requests could both pass.
CREATE UNIQUE INDEX "runs_one_active_backup_per_server" ON "runs"("server_id")
    WHERE "kind" = 'backup.run' AND "status" IN ('queued', 'running');
