-- Retention and schedules: interrupted deletions are resumable, schedules and what became of
-- each of their occurrences.
ALTER TABLE "backups" ADD COLUMN "deleting_at" TIMESTAMPTZ, ADD COLUMN "deleting_mode" TEXT;

CREATE TYPE "FiringOutcome" AS ENUM ('started', 'skipped', 'missed', 'failed');

CREATE TABLE "schedules" (
    "id" UUID NOT NULL,
    "server_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "options" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "catch_up" BOOLEAN NOT NULL DEFAULT true,
    "covered_until" TIMESTAMPTZ NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "schedules_server_id_name_key" ON "schedules"("server_id", "name");
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "schedule_firings" (
    "id" BIGSERIAL NOT NULL,
    "schedule_id" UUID NOT NULL,
    "scheduled_for" TIMESTAMPTZ NOT NULL,
    "fired_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "FiringOutcome" NOT NULL,
    "run_id" UUID,
    "worker_id" TEXT,
    "message" TEXT,
    CONSTRAINT "schedule_firings_pkey" PRIMARY KEY ("id")
);

-- One row per occurrence: a job delivered twice (a stalled job, two workers) cannot fire twice.
CREATE UNIQUE INDEX "schedule_firings_schedule_id_scheduled_for_key" ON "schedule_firings"("schedule_id", "scheduled_for");
CREATE INDEX "schedule_firings_run_id_idx" ON "schedule_firings"("run_id");
ALTER TABLE "schedule_firings" ADD CONSTRAINT "schedule_firings_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "schedule_firings" ADD CONSTRAINT "schedule_firings_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
