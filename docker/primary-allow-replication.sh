#!/bin/sh
# Run once by the postgres image on a fresh data volume (/docker-entrypoint-initdb.d):
# a role that may stream WAL to the replica of docker-compose.yml's `scale` profile.
# On an existing volume, run the same two steps by hand (and reload PostgreSQL).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="${REPLICATION_PASSWORD:-replicator}" \
    -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
