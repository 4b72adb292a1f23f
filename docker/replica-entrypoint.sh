#!/bin/sh
# The streaming replica of docker-compose.yml's `scale` profile: on an empty volume,
# copy the primary with pg_basebackup (-R writes standby.signal and the connection
# to the primary), then run PostgreSQL as a hot standby. Runs as the postgres user.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" \
            --write-recovery-conf --wal-method=stream --checkpoint=fast; do
        echo "waiting for the primary"
        rm -rf "${PGDATA:?}"/*
        sleep 2
    done
    chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
