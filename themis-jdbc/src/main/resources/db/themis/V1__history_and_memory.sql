-- Themis durable state, schema version 1. Portable SQL for PostgreSQL (10+) and H2 (2.x).
-- JdbcHistoryStore applies it itself unless autoCreate(false); a host that runs its own migrations (Flyway's naming
-- is used: db/themis/V1__...) can apply it instead.
-- Instants are epoch milliseconds; payloads are compact JSON written by dev.themis.jdbc.Codec.

-- One row per resource per tick: what was observed (capacity, metrics), decided and done.
CREATE TABLE IF NOT EXISTS themis_outcome (
  resource  VARCHAR(512) NOT NULL,
  at_ms     BIGINT       NOT NULL,
  kind      CHAR(1)      NOT NULL,   -- A applied, H held, D dry run, F failed
  capacity  INT          NOT NULL,   -- capacity after the outcome, -1 if unknown
  payload   VARCHAR      NOT NULL
);
CREATE INDEX IF NOT EXISTS themis_outcome_resource_at ON themis_outcome (resource, at_ms);
CREATE INDEX IF NOT EXISTS themis_outcome_at ON themis_outcome (at_ms);

-- One row per resource: its memory (last action, stabilisation window, providers' budgets and quarantines).
CREATE TABLE IF NOT EXISTS themis_memory (
  resource  VARCHAR(512) NOT NULL PRIMARY KEY,
  version   BIGINT       NOT NULL,
  saved_ms  BIGINT       NOT NULL,
  payload   VARCHAR      NOT NULL
);

-- Metric names, once per distinct set: an outcome payload refers to its set by id and lists only the values.
CREATE TABLE IF NOT EXISTS themis_keyset (
  id        BIGINT       NOT NULL PRIMARY KEY,
  names     VARCHAR      NOT NULL    -- the sorted metric names, one per line
);
