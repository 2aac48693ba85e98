-- One restore verification per server at a time, as for backups: a second request while one is
-- queued or running is refused (409), and a schedule's occurrence is recorded as skipped. Two
-- verifications of one server would restore the same backup twice side by side, for nothing.

-- A catalog from before this index may hold several active verifications of one server: all but
-- the oldest are cancelled, saying why, so that the index can be built.
UPDATE "runs" AS r
SET "status" = 'cancelled',
    "error" = 'Cancelled when upgrading: one restore verification per server runs at a time, and an older one was queued or running.',
    "finished_at" = now()
WHERE r."kind" = 'restore.verify'
  AND r."status" IN ('queued', 'running')
  AND EXISTS (
    SELECT 1 FROM "runs" AS older
    WHERE older."server_id" = r."server_id"
      AND older."kind" = 'restore.verify'
      AND older."status" IN ('queued', 'running')
      AND (older."queued_at", older."id") < (r."queued_at", r."id")
  );

CREATE UNIQUE INDEX "runs_one_active_verify_per_server" ON "runs"("server_id")
    WHERE "kind" = 'restore.verify' AND "status" IN ('queued', 'running');
