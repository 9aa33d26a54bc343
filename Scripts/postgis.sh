#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server for the tests: installs Debian's
# postgresql-15-postgis-3 when missing (through Scripts/setup.sh), creates a cluster in a new
# temporary folder with initdb as an unprivileged user (initdb refuses root: as root it runs
# as the `postgres` system user, made when missing), starts it on a Unix socket in that folder
# only (no TCP port, so parallel runs never collide), and creates the database `zoning_test`
# with the postgis extension. Logins need a password (scram-sha-256), so wrong-password
# errors can be tested.
#
#   eval "$(Scripts/postgis.sh start)"   # prints the export lines below, for eval
#       ZONING_TEST_DATABASE_URL=postgresql://zoning:PASSWORD@/zoning_test?host=FOLDER
#       ZONING_TEST_POSTGIS_FOLDER=FOLDER
#   Scripts/postgis.sh stop FOLDER        # stops the server and deletes the folder
#
# Scripts/test.sh starts one before `swift test` and stops it on exit, whatever the outcome.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=/usr/lib/postgresql/15/bin

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    # Progress and errors go to standard error: standard output is for eval.
    # pgRouting: a test compares zoning's shortest walks with pgr_drivingDistance on the same graph.
    ZONING_APT_EXTRA="postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting ${ZONING_APT_EXTRA:-}" source "$root/Scripts/setup.sh" >&2
    owner="$(id -un)"
    if [ "$(id -u)" -eq 0 ]; then
        owner=postgres
        getent passwd "$owner" >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
    fi
    folder="$(mktemp -d "${TMPDIR:-/tmp}/zoning-postgis.XXXXXX")"
    chown "$owner" "$folder"
    chmod 0755 "$folder"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" >"$folder/password"
    chown "$owner" "$folder/password"
    chmod 0600 "$folder/password"
    if ! as_owner "$bin/initdb" --pgdata="$folder/data" --username=zoning --pwfile="$folder/password" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1; then
        cat "$folder/initdb.log" >&2
        rm -rf "$folder"
        exit 1
    fi
    if ! as_owner "$bin/pg_ctl" --pgdata="$folder/data" --log="$folder/server.log" --wait --silent \
        -o "-c listen_addresses='' -c unix_socket_directories='$folder' -c fsync=off -c full_page_writes=off" start >&2; then
        cat "$folder/server.log" >&2
        rm -rf "$folder"
        exit 1
    fi
    export PGPASSWORD="$password"
    if ! psql --quiet --no-psqlrc --set=ON_ERROR_STOP=1 --host="$folder" --username=zoning --dbname=postgres \
        --command="CREATE DATABASE zoning_test" >&2 ||
        ! psql --quiet --no-psqlrc --set=ON_ERROR_STOP=1 --host="$folder" --username=zoning --dbname=zoning_test \
            --command="CREATE EXTENSION postgis" >&2; then
        "$0" stop "$folder"
        exit 1
    fi
    echo "zoning: PostGIS test server running in $folder" >&2
    echo "export ZONING_TEST_DATABASE_URL='postgresql://zoning:$password@/zoning_test?host=$folder'"
    echo "export ZONING_TEST_POSTGIS_FOLDER='$folder'"
    ;;
stop)
    folder="${2:?usage: Scripts/postgis.sh stop FOLDER}"
    case "$folder" in */zoning-postgis.*) ;; *) echo "postgis.sh: $folder is not a folder this script made" >&2; exit 1 ;; esac
    owner="$(stat -c %U "$folder")"
    if [ -f "$folder/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$folder/data" --mode=immediate --wait --silent stop >&2 || true
    fi
    rm -rf "$folder"
    ;;
*)
    echo "usage: Scripts/postgis.sh start | stop FOLDER" >&2
    exit 2
    ;;
esac
