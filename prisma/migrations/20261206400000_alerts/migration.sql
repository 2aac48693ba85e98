-- Alerts, notification channels and their outbox, repository samples for the space forecast.
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');
CREATE TYPE "ChannelKind" AS ENUM ('webhook', 'email');
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

CREATE TABLE "alert_rules" (
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "severity" "AlertSeverity" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ NOT NULL,
    "updated_by" TEXT,
    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("kind")
);

CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "rule_kind" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "server_id" UUID,
    "severity" "AlertSeverity" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "opened_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ,
    "resolution" TEXT,
    "acknowledged_at" TIMESTAMPTZ,
    "acknowledged_by" TEXT,
    "ack_comment" TEXT,
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "alerts_resolved_at_severity_idx" ON "alerts"("resolved_at", "severity");
CREATE INDEX "alerts_server_id_opened_at_idx" ON "alerts"("server_id", "opened_at");
CREATE INDEX "alerts_rule_kind_subject_key_idx" ON "alerts"("rule_kind", "subject_key");
CREATE INDEX "alerts_opened_at_idx" ON "alerts"("opened_at");
-- No flood of duplicates: two evaluations racing cannot both open the same alert.
CREATE UNIQUE INDEX "alerts_one_open_per_subject" ON "alerts"("rule_kind", "subject_key") WHERE "resolved_at" IS NULL;
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "notification_channels" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL,
    "secret" TEXT,
    "min_severity" "AlertSeverity" NOT NULL DEFAULT 'warning',
    "rule_kinds" JSONB NOT NULL DEFAULT '[]',
    "notify_resolved" BOOLEAN NOT NULL DEFAULT true,
    "digest_seconds" INTEGER NOT NULL DEFAULT 60,
    "last_success_at" TIMESTAMPTZ,
    "last_failure_at" TIMESTAMPTZ,
    "last_error" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "notification_channels_name_key" ON "notification_channels"("name");

CREATE TABLE "notification_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "channel_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "last_error" TEXT,
    "batch_id" UUID,
    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "notification_deliveries_status_next_attempt_at_idx" ON "notification_deliveries"("status", "next_attempt_at");
CREATE INDEX "notification_deliveries_channel_id_status_idx" ON "notification_deliveries"("channel_id", "status");
CREATE INDEX "notification_deliveries_alert_id_idx" ON "notification_deliveries"("alert_id");
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "repository_samples" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "total_bytes" BIGINT NOT NULL,
    "free_bytes" BIGINT NOT NULL,
    CONSTRAINT "repository_samples_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "repository_samples_at_idx" ON "repository_samples"("at");
