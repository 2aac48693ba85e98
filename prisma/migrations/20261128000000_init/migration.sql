-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'operator', 'admin');
CREATE TYPE "ActorType" AS ENUM ('user', 'token', 'system');
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'failure', 'denied');
CREATE TYPE "TokenKind" AS ENUM ('api', 'wal_archive');
CREATE TYPE "BackupMethod" AS ENUM ('postgres', 'ssh');
CREATE TYPE "Compression" AS ENUM ('none', 'gzip', 'lz4', 'zstd');
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');
CREATE TYPE "CheckStatus" AS ENUM ('OK', 'FAILED');
CREATE TYPE "BackupStatus" AS ENUM ('EMPTY', 'STARTED', 'WAITING_FOR_WALS', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "last_login_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL DEFAULT 'api',
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "user_id" UUID NOT NULL,
    "server_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ,
    "expires_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ,
    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "request_id" TEXT,
    "details" JSONB,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "servers" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "conninfo" TEXT NOT NULL,
    "password_secret" TEXT,
    "streaming_conninfo" TEXT,
    "streaming_password_secret" TEXT,
    "ssh_target" TEXT,
    "ssh_key_secret" TEXT,
    "ssh_password_secret" TEXT,
    "ssh_host_key" TEXT,
    "backup_method" "BackupMethod" NOT NULL DEFAULT 'postgres',
    "compression" "Compression" NOT NULL DEFAULT 'zstd',
    "compression_level" INTEGER,
    "wal_compression" "Compression" NOT NULL DEFAULT 'zstd',
    "reuse_backup" BOOLEAN NOT NULL DEFAULT true,
    "retention_policy" TEXT,
    "minimum_redundancy" INTEGER NOT NULL DEFAULT 0,
    "last_backup_maximum_age" TEXT,
    "last_backup_minimum_size" BIGINT,
    "last_wal_maximum_age" TEXT,
    "slot_name" TEXT,
    "create_slot" BOOLEAN NOT NULL DEFAULT true,
    "streaming_archiver" BOOLEAN NOT NULL DEFAULT false,
    "push_archiver" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "system_id" TEXT,
    "pg_version" INTEGER,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "servers_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "runs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "server_id" UUID,
    "input" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "phase" TEXT,
    "progress_done" BIGINT NOT NULL DEFAULT 0,
    "progress_total" BIGINT,
    "progress_note" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker_id" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "requested_by" TEXT,
    "queued_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ,
    "heartbeat_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    CONSTRAINT "runs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "run_logs" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "run_logs_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "check_reports" (
    "id" UUID NOT NULL,
    "server_id" UUID NOT NULL,
    "run_id" UUID,
    "ok" BOOLEAN NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "checked_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "check_reports_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "check_results" (
    "id" BIGSERIAL NOT NULL,
    "report_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "hint" TEXT,
    "perfdata" JSONB,
    CONSTRAINT "check_results_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "backups" (
    "id" UUID NOT NULL,
    "server_id" UUID NOT NULL,
    "backup_id" TEXT NOT NULL,
    "name" TEXT,
    "status" "BackupStatus" NOT NULL DEFAULT 'EMPTY',
    "method" "BackupMethod" NOT NULL,
    "compression" "Compression" NOT NULL,
    "standalone" BOOLEAN NOT NULL DEFAULT false,
    "keep" TEXT,
    "timeline" INTEGER,
    "begin_lsn" TEXT,
    "end_lsn" TEXT,
    "begin_wal" TEXT,
    "end_wal" TEXT,
    "begin_time" TIMESTAMPTZ,
    "end_time" TIMESTAMPTZ,
    "size" BIGINT,
    "stored_size" BIGINT,
    "deduplicated_size" BIGINT,
    "cluster_size" BIGINT,
    "pg_version" INTEGER,
    "system_id" TEXT,
    "error" TEXT,
    "run_id" UUID,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "backups_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "wal_segments" (
    "id" BIGSERIAL NOT NULL,
    "server_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeline" INTEGER NOT NULL,
    "segno" BIGINT NOT NULL,
    "size" BIGINT NOT NULL,
    "stored_size" BIGINT NOT NULL,
    "codec" "Compression" NOT NULL,
    "checksum" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_commit" TIMESTAMPTZ,
    "last_commit" TIMESTAMPTZ,
    CONSTRAINT "wal_segments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action");
CREATE INDEX "audit_events_target_type_target_id_idx" ON "audit_events"("target_type", "target_id");
CREATE UNIQUE INDEX "servers_name_key" ON "servers"("name");
CREATE INDEX "runs_status_heartbeat_at_idx" ON "runs"("status", "heartbeat_at");
CREATE INDEX "runs_server_id_queued_at_idx" ON "runs"("server_id", "queued_at");
CREATE INDEX "runs_kind_queued_at_idx" ON "runs"("kind", "queued_at");
CREATE INDEX "run_logs_run_id_id_idx" ON "run_logs"("run_id", "id");
CREATE UNIQUE INDEX "check_reports_run_id_key" ON "check_reports"("run_id");
CREATE INDEX "check_reports_server_id_checked_at_idx" ON "check_reports"("server_id", "checked_at");
CREATE UNIQUE INDEX "check_results_report_id_position_key" ON "check_results"("report_id", "position");
CREATE UNIQUE INDEX "backups_server_id_backup_id_key" ON "backups"("server_id", "backup_id");
CREATE UNIQUE INDEX "backups_server_id_name_key" ON "backups"("server_id", "name");
CREATE INDEX "backups_server_id_status_end_time_idx" ON "backups"("server_id", "status", "end_time");
CREATE UNIQUE INDEX "wal_segments_server_id_name_key" ON "wal_segments"("server_id", "name");
CREATE INDEX "wal_segments_server_id_timeline_segno_idx" ON "wal_segments"("server_id", "timeline", "segno");
CREATE INDEX "wal_segments_server_id_archived_at_idx" ON "wal_segments"("server_id", "archived_at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "runs" ADD CONSTRAINT "runs_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "run_logs" ADD CONSTRAINT "run_logs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "check_reports" ADD CONSTRAINT "check_reports_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "check_reports" ADD CONSTRAINT "check_reports_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "check_results" ADD CONSTRAINT "check_results_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "check_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "backups" ADD CONSTRAINT "backups_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "wal_segments" ADD CONSTRAINT "wal_segments_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
