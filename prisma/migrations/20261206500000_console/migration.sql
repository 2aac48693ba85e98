-- The console (issue 6): running WAL totals for the fleet dashboard, retries of runs, and the
-- indexes the console's lists sort and filter on.

-- Per server and timeline: how many segments the archive holds, their first and last numbers
-- (a timeline has a gap exactly when last - first + 1 > segments) and their bytes. Kept by the
-- triggers below, so the dashboard reads a row per timeline instead of summing every segment.
CREATE TABLE "wal_archive_totals" (
    "server_id" UUID NOT NULL,
    "timeline" INTEGER NOT NULL,
    "segments" BIGINT NOT NULL DEFAULT 0,
    "first_segno" BIGINT,
    "last_segno" BIGINT,
    "size" BIGINT NOT NULL DEFAULT 0,
    "stored_size" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "wal_archive_totals_pkey" PRIMARY KEY ("server_id", "timeline")
);
ALTER TABLE "wal_archive_totals" ADD CONSTRAINT "wal_archive_totals_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Groups are upserted in key order, so two statements touching the same timelines lock them in
-- the same order and cannot deadlock.
CREATE FUNCTION "wal_archive_totals_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "wal_archive_totals" AS t ("server_id", "timeline", "segments", "first_segno", "last_segno", "size", "stored_size")
    SELECT "server_id", "timeline", count(*), min("segno"), max("segno"), sum("size"), sum("stored_size")
    FROM added WHERE "kind" = 'segment'
    GROUP BY "server_id", "timeline" ORDER BY "server_id", "timeline"
    ON CONFLICT ("server_id", "timeline") DO UPDATE SET
        "segments" = t."segments" + EXCLUDED."segments",
        "first_segno" = LEAST(t."first_segno", EXCLUDED."first_segno"),
        "last_segno" = GREATEST(t."last_segno", EXCLUDED."last_segno"),
        "size" = t."size" + EXCLUDED."size",
        "stored_size" = t."stored_size" + EXCLUDED."stored_size";
    RETURN NULL;
END $$;

-- Deleting (retention, a rebuild) usually removes the oldest segments: the bounds are looked up
-- again on the (server_id, timeline, segno) index, the counts and bytes are subtracted.
CREATE FUNCTION "wal_archive_totals_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "wal_archive_totals" AS t SET
        "segments" = t."segments" - d."segments",
        "size" = t."size" - d."size",
        "stored_size" = t."stored_size" - d."stored_size",
        "first_segno" = (SELECT min(w."segno") FROM "wal_segments" w WHERE w."server_id" = t."server_id" AND w."timeline" = t."timeline" AND w."segno" >= 0 AND w."kind" = 'segment'),
        "last_segno" = (SELECT max(w."segno") FROM "wal_segments" w WHERE w."server_id" = t."server_id" AND w."timeline" = t."timeline" AND w."segno" >= 0 AND w."kind" = 'segment')
    FROM (
        SELECT "server_id", "timeline", count(*) AS "segments", sum("size") AS "size", sum("stored_size") AS "stored_size"
        FROM removed WHERE "kind" = 'segment' GROUP BY "server_id", "timeline" ORDER BY "server_id", "timeline"
    ) d
    WHERE t."server_id" = d."server_id" AND t."timeline" = d."timeline";
    RETURN NULL;
END $$;

-- Updates that move a row between totals are rare (the WAL index updates other columns); they
-- are handled as a removal and an addition of that row.
CREATE FUNCTION "wal_archive_totals_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."kind" = 'segment' THEN
        UPDATE "wal_archive_totals" AS t SET
            "segments" = t."segments" - 1,
            "size" = t."size" - OLD."size",
            "stored_size" = t."stored_size" - OLD."stored_size",
            "first_segno" = (SELECT min(w."segno") FROM "wal_segments" w WHERE w."server_id" = t."server_id" AND w."timeline" = t."timeline" AND w."segno" >= 0 AND w."kind" = 'segment'),
            "last_segno" = (SELECT max(w."segno") FROM "wal_segments" w WHERE w."server_id" = t."server_id" AND w."timeline" = t."timeline" AND w."segno" >= 0 AND w."kind" = 'segment')
        WHERE t."server_id" = OLD."server_id" AND t."timeline" = OLD."timeline";
    END IF;
    IF NEW."kind" = 'segment' THEN
        INSERT INTO "wal_archive_totals" AS t ("server_id", "timeline", "segments", "first_segno", "last_segno", "size", "stored_size")
        VALUES (NEW."server_id", NEW."timeline", 1, NEW."segno", NEW."segno", NEW."size", NEW."stored_size")
        ON CONFLICT ("server_id", "timeline") DO UPDATE SET
            "segments" = t."segments" + 1,
            "first_segno" = LEAST(t."first_segno", EXCLUDED."first_segno"),
            "last_segno" = GREATEST(t."last_segno", EXCLUDED."last_segno"),
            "size" = t."size" + EXCLUDED."size",
            "stored_size" = t."stored_size" + EXCLUDED."stored_size";
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION "wal_archive_totals_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "wal_archive_totals";
    RETURN NULL;
END $$;

CREATE TRIGGER "wal_archive_totals_on_insert" AFTER INSERT ON "wal_segments"
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "wal_archive_totals_add"();
CREATE TRIGGER "wal_archive_totals_on_delete" AFTER DELETE ON "wal_segments"
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "wal_archive_totals_remove"();
CREATE TRIGGER "wal_archive_totals_on_update" AFTER UPDATE OF "server_id", "timeline", "segno", "size", "stored_size", "kind" ON "wal_segments"
    FOR EACH ROW WHEN (OLD."server_id" IS DISTINCT FROM NEW."server_id" OR OLD."timeline" IS DISTINCT FROM NEW."timeline"
        OR OLD."segno" IS DISTINCT FROM NEW."segno" OR OLD."size" IS DISTINCT FROM NEW."size"
        OR OLD."stored_size" IS DISTINCT FROM NEW."stored_size" OR OLD."kind" IS DISTINCT FROM NEW."kind")
    EXECUTE FUNCTION "wal_archive_totals_move"();
CREATE TRIGGER "wal_archive_totals_on_truncate" AFTER TRUNCATE ON "wal_segments"
    FOR EACH STATEMENT EXECUTE FUNCTION "wal_archive_totals_clear"();

INSERT INTO "wal_archive_totals" ("server_id", "timeline", "segments", "first_segno", "last_segno", "size", "stored_size")
SELECT "server_id", "timeline", count(*), min("segno"), max("segno"), sum("size"), sum("stored_size")
FROM "wal_segments" WHERE "kind" = 'segment' GROUP BY "server_id", "timeline";

-- A retry is a new run with the same input; it points at the run it repeats.
ALTER TABLE "runs" ADD COLUMN "retry_of" UUID;
CREATE INDEX "runs_retry_of_idx" ON "runs"("retry_of");

-- The jobs page lists every run newest first, unfiltered or by status.
CREATE INDEX "runs_queued_at_id_idx" ON "runs"("queued_at", "id");
CREATE INDEX "runs_status_queued_at_idx" ON "runs"("status", "queued_at");

-- The WAL timeline sums bytes per hour or day from the (server, archived_at) range alone.
DROP INDEX "wal_segments_server_id_archived_at_idx";
CREATE INDEX "wal_segments_server_id_archived_at_idx" ON "wal_segments"("server_id", "archived_at") INCLUDE ("size", "stored_size", "timeline", "kind");

-- The audit trail filtered by who acted, newest first.
CREATE INDEX "audit_events_actor_name_id_idx" ON "audit_events"("actor_name" text_pattern_ops, "id");
