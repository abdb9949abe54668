# Machine set-up for CI, sourced by .ci/run (which defines step, note, fail, as_root,
# SUMMARY, WORK_DIR, PG_HOST, PG_PORT and THROWAWAY_PG): Debian's Chromium and
# chromedriver for the browser tests, redis-server, then PostgreSQL and Redis running.
# It sets PG_ROLE and PG_VERSION for the PostgreSQL run. Nothing here checks the code.


if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    note "Chromium and chromedriver are already installed."
else
    note "Missing: installing Debian's chromium and chromium-driver with apt-get."
    as_root true || fail "Installing Chromium needs root (or password-less sudo): this runs as $(id -un)." \
        "Run CI as root, or install them first: apt-get install chromium chromium-driver"
    as_root apt-get update </dev/null ||
        fail "apt-get update failed (exit $?), so Chromium cannot be installed." \
            "Check this machine can reach its Debian mirrors (see the apt-get output above)."
    as_root apt-get install -y chromium chromium-driver </dev/null ||
        fail "apt-get install chromium chromium-driver failed (exit $?)." \
            "The browser tests need /usr/bin/chromium; see the apt-get output above."
    [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] ||
        fail "apt-get finished but /usr/bin/chromium or /usr/bin/chromedriver is still missing."
fi
# redis-server: the fault tests start their own (and a PostgreSQL cluster), and
# Redis is started below on 127.0.0.1:6379 for the two-instance page cache test.
if command -v redis-server >/dev/null 2>&1; then
    note "redis-server is installed (fault tests, two-instance test)."
else
    note "Missing: installing Debian's redis-server (fault tests, two-instance test)."
    as_root apt-get update </dev/null || fail "apt-get update failed (exit $?)."
    as_root apt-get install -y redis-server </dev/null ||
        fail "apt-get install redis-server failed (exit $?); the fault and two-instance tests need it."
fi
CHROMIUM_VERSION=$(/usr/bin/chromium --version 2>/dev/null | tail -n 1) ||
    fail "/usr/bin/chromium is installed but does not run: /usr/bin/chromium --version failed."
note "$CHROMIUM_VERSION"
SUMMARY+=("$CHROMIUM_VERSION")




pg_ready() {
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

wait_for_pg() {
    local tries=$1
    for _ in $(seq "$tries"); do
        pg_ready && return 0
        sleep 1
    done
    return 1
}

command -v pg_isready >/dev/null 2>&1 ||
    fail "pg_isready is missing: install PostgreSQL (apt-get install postgresql postgresql-client)."

if pg_ready; then
    note "PostgreSQL already answers."
else
    note "PostgreSQL does not answer; starting the Debian cluster."
    if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
        for version in $(ls /etc/postgresql); do
            if [[ -d "/etc/postgresql/$version/main" ]]; then
                as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start </dev/null ||
                    note "pg_ctlcluster $version main start failed (exit $?)."
            fi
        done
        wait_for_pg 30 || note "Still no answer on $PG_HOST:$PG_PORT after starting it."
    else
        note "No Debian cluster (pg_ctlcluster, /etc/postgresql) on this machine."
    fi
fi

if ! pg_ready; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] ||
        fail "PostgreSQL does not answer on $PG_HOST:$PG_PORT, and there is no PostgreSQL" \
            "server to start (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql"
    id postgres >/dev/null 2>&1 ||
        fail "PostgreSQL does not answer on $PG_HOST:$PG_PORT, and there is no 'postgres' user" \
            "to run a throwaway cluster as."
    [[ $EUID -eq 0 ]] ||
        fail "PostgreSQL does not answer on $PG_HOST:$PG_PORT; a throwaway cluster needs root" \
            "(to run as the postgres user), and this runs as $(id -un)."
    note "Starting a throwaway cluster with $PG_BIN, as the postgres user."
    THROWAWAY_PG="$WORK_DIR/postgres"
    mkdir -p "$THROWAWAY_PG/data" "$THROWAWAY_PG/socket"
    ln -s "$PG_BIN" "$THROWAWAY_PG/bin"
    chown -R postgres:postgres "$THROWAWAY_PG"
    chmod 755 "$WORK_DIR"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$THROWAWAY_PG/data" -U postgres \
        --auth=trust --encoding=UTF8 >"$WORK_DIR/initdb.log" 2>&1 || {
        cat "$WORK_DIR/initdb.log" >&2
        fail "initdb failed (output above), so there is no PostgreSQL for the second run."
    }
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$THROWAWAY_PG/data" -l "$THROWAWAY_PG/server.log" \
        -o "-c listen_addresses=$PG_HOST -p $PG_PORT -k $THROWAWAY_PG/socket" -w -t 60 start ||
        {
            cat "$THROWAWAY_PG/server.log" >&2 || true
            fail "The throwaway PostgreSQL cluster would not start (log above)." \
                "Is something else using port $PG_PORT?"
        }
    wait_for_pg 30 || fail "The throwaway cluster started but does not answer on $PG_HOST:$PG_PORT."
fi

# A role that trust authentication lets in, and that may create the test database.
PG_ROLE=""
for role in postgres root; do
    if psql -h "$PG_HOST" -p "$PG_PORT" -U "$role" -d postgres -w -Atc 'select 1' \
        >/dev/null 2>&1; then
        PG_ROLE=$role
        break
    fi
done
[[ -n "$PG_ROLE" ]] ||
    fail "PostgreSQL answers on $PG_HOST:$PG_PORT but lets in neither 'postgres' nor 'root'" \
        "without a password (trust authentication); pytest cannot create its test database."
can_create=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d postgres -w -Atc \
    'select rolsuper or rolcreatedb from pg_roles where rolname = current_user')
[[ "$can_create" == "t" ]] ||
    fail "PostgreSQL role '$PG_ROLE' may not create databases, so pytest cannot make test_test."
if ! psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d test -w -Atc 'select 1' >/dev/null 2>&1; then
    note "Creating the database 'test'."
    createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -w test ||
        fail "Could not create the database 'test' as '$PG_ROLE'."
fi
PG_VERSION=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d test -w -Atc 'show server_version')
note "PostgreSQL $PG_VERSION answers; connecting as '$PG_ROLE'."


# Redis on 127.0.0.1:6379, for the two-instance page cache test
# (tests/speed/test_two_instances.py fails, rather than skips, under CI without it).
redis_ready() {
    redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG
}
if redis_ready; then
    note "Redis already answers on 127.0.0.1:6379."
else
    # Step 1 installed redis-server (the fault tests need it too).
    note "Starting redis-server on 127.0.0.1:6379 (no persistence)."
    redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes \
        >/dev/null || fail "redis-server would not start on 127.0.0.1:6379."
    for _ in $(seq 20); do
        redis_ready && break
        sleep 0.5
    done
    redis_ready || fail "redis-server started but does not answer on 127.0.0.1:6379."
fi


