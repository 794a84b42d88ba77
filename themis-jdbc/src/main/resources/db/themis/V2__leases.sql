-- Themis durable state, schema version 2: leases of several replicas (JdbcResourceLeases). Portable SQL; the leases
-- themselves are taken with PostgreSQL's UPDATE ... RETURNING and FOR UPDATE SKIP LOCKED.

-- One row per resource: who may act on it until when, and the fencing token (increases at every change of holder).
CREATE TABLE IF NOT EXISTS themis_lease (
  resource    VARCHAR(512) NOT NULL PRIMARY KEY,
  owner       VARCHAR(200),              -- NULL: free
  token       BIGINT       NOT NULL,
  expires_ms  BIGINT       NOT NULL
);

-- One row per live replica: how many share the resources (each holds about 1/N of them).
CREATE TABLE IF NOT EXISTS themis_host (
  host_id     VARCHAR(200) NOT NULL PRIMARY KEY,
  expires_ms  BIGINT       NOT NULL
);
