-- Recovery: restore verification on backups, SSH host keys pinned by restore destinations.
ALTER TABLE "backups"
    ADD COLUMN "restore_verified_at" TIMESTAMPTZ,
    ADD COLUMN "restore_verify_status" TEXT,
    ADD COLUMN "restore_verify_ms" INTEGER,
    ADD COLUMN "restore_verify_detail" TEXT;

CREATE TABLE "ssh_known_hosts" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "key_type" TEXT NOT NULL,
    "key_base64" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ssh_known_hosts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ssh_known_hosts_host_port_key" ON "ssh_known_hosts"("host", "port");
