-- Recovery at scale and promoted servers' partial segments.
--
-- 1. WAL files of kind 'partial': <segment>.partial, the last incomplete segment of a timeline
--    that PostgreSQL archives when a standby is promoted.
-- 2. wal_segment_blocks: the archived segments of each run of 256 segment numbers of a timeline,
--    summarized (count, bytes, first and last segment, commit times, xids, transactions, segments
--    not yet indexed). The recovery window and the planner read these (a few thousand rows for
--    500,000 segments) and only the segments of the blocks that are not full. Triggers keep them
--    exact whoever writes wal_segments (push, streaming, rebuild, retention).

ALTER TYPE "WalFileKind" ADD VALUE IF NOT EXISTS 'partial';

-- History and partial files among half a million segments: found without scanning the segments.
CREATE INDEX "wal_segments_server_id_kind_idx" ON "wal_segments"("server_id", "kind");

CREATE TABLE "wal_segment_blocks" (
    "server_id" UUID NOT NULL,
    "timeline" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "segments" INTEGER NOT NULL,
    "bytes" BIGINT NOT NULL,
    "first_segno" BIGINT NOT NULL,
    "last_segno" BIGINT NOT NULL,
    "first_commit" TIMESTAMPTZ,
    "last_commit" TIMESTAMPTZ,
    "first_xid" BIGINT,
    "last_xid" BIGINT,
    "transactions" BIGINT NOT NULL,
    "unindexed" INTEGER NOT NULL,
    CONSTRAINT "wal_segment_blocks_pkey" PRIMARY KEY ("server_id", "timeline", "block")
);

ALTER TABLE "wal_segment_blocks" ADD CONSTRAINT "wal_segment_blocks_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recomputes the given blocks from their segments (at most 256 rows each), deleting the empty
-- ones. Each block is locked first (in a fixed order, so two writers cannot deadlock): a
-- recomputation then starts after any other writer of that block committed, and sees its rows.
CREATE FUNCTION "wal_segment_blocks_refresh"(servers UUID[], timelines INTEGER[], blocks BIGINT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(k.server_id::text || '/' || k.timeline || '/' || k.block, 7481))
    FROM (SELECT DISTINCT * FROM unnest(servers, timelines, blocks) AS u(server_id, timeline, block) ORDER BY 1, 2, 3) k;

    WITH changed AS (
        SELECT DISTINCT * FROM unnest(servers, timelines, blocks) AS u(server_id, timeline, block)
    ), fresh AS (
        SELECT c.server_id, c.timeline, c.block, s.*
        FROM changed c
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS segments,
                   coalesce(sum(w.size), 0)::bigint AS bytes,
                   min(w.segno) AS first_segno,
                   max(w.segno) AS last_segno,
                   min(w.first_commit) AS first_commit,
                   max(w.last_commit) AS last_commit,
                   min(w.first_xid) AS first_xid,
                   max(w.last_xid) AS last_xid,
                   coalesce(sum(coalesce(w.commits, 0) + coalesce(w.aborts, 0)), 0)::bigint AS transactions,
                   (count(*) FILTER (WHERE w.indexed_at IS NULL))::int AS unindexed
            FROM "wal_segments" w
            WHERE w.server_id = c.server_id AND w.kind = 'segment' AND w.timeline = c.timeline
              AND w.segno BETWEEN c.block * 256 AND c.block * 256 + 255
        ) s
    ), emptied AS (
        DELETE FROM "wal_segment_blocks" b USING fresh f
        WHERE f.segments = 0 AND b.server_id = f.server_id AND b.timeline = f.timeline AND b.block = f.block
    )
    INSERT INTO "wal_segment_blocks" AS b (server_id, timeline, block, segments, bytes, first_segno, last_segno, first_commit, last_commit, first_xid, last_xid, transactions, unindexed)
    SELECT server_id, timeline, block, segments, bytes, first_segno, last_segno, first_commit, last_commit, first_xid, last_xid, transactions, unindexed
    FROM fresh WHERE segments > 0
    ON CONFLICT (server_id, timeline, block) DO UPDATE SET
        segments = EXCLUDED.segments, bytes = EXCLUDED.bytes, first_segno = EXCLUDED.first_segno, last_segno = EXCLUDED.last_segno,
        first_commit = EXCLUDED.first_commit, last_commit = EXCLUDED.last_commit, first_xid = EXCLUDED.first_xid,
        last_xid = EXCLUDED.last_xid, transactions = EXCLUDED.transactions, unindexed = EXCLUDED.unindexed;
END
$$;

-- One statement-level trigger per event, with its transition tables: a bulk insert (a rebuild of
-- the catalog) refreshes each block it touched once, not once per row.
CREATE FUNCTION "wal_segment_blocks_sync"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    servers UUID[];
    timelines INTEGER[];
    blocks BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(server_id), array_agg(timeline), array_agg(block) INTO servers, timelines, blocks
        FROM (SELECT DISTINCT server_id, timeline, segno >> 8 AS block FROM new_rows WHERE kind = 'segment') k;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(server_id), array_agg(timeline), array_agg(block) INTO servers, timelines, blocks
        FROM (SELECT server_id, timeline, segno >> 8 AS block FROM new_rows WHERE kind = 'segment'
              UNION SELECT server_id, timeline, segno >> 8 FROM old_rows WHERE kind = 'segment') k;
    ELSE
        SELECT array_agg(server_id), array_agg(timeline), array_agg(block) INTO servers, timelines, blocks
        FROM (SELECT DISTINCT server_id, timeline, segno >> 8 AS block FROM old_rows WHERE kind = 'segment') k;
    END IF;
    IF servers IS NOT NULL THEN
        PERFORM "wal_segment_blocks_refresh"(servers, timelines, blocks);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "wal_segments_blocks_insert" AFTER INSERT ON "wal_segments"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "wal_segment_blocks_sync"();
CREATE TRIGGER "wal_segments_blocks_update" AFTER UPDATE ON "wal_segments"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "wal_segment_blocks_sync"();
CREATE TRIGGER "wal_segments_blocks_delete" AFTER DELETE ON "wal_segments"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "wal_segment_blocks_sync"();

-- The blocks of the segments archived so far.
SELECT "wal_segment_blocks_refresh"(array_agg(server_id), array_agg(timeline), array_agg(block))
FROM (SELECT DISTINCT server_id, timeline, segno >> 8 AS block FROM "wal_segments" WHERE kind = 'segment') k;
