# bench/lib/database.sh: sourced by the benchmarks. start_database KIND DIR starts a throw-away database server of
# KIND (postgresql or mariadb) with its files in DIR on a free loopback port, as the tests do, creates the database
# glance4j, and sets: connection (the SQLAlchemy URL for [database] connection), db_admin (a command prefix that
# runs SQL given on stdin against the server as its superuser, e.g. to drop and create glance4j again) and db_stop
# (a command that stops the server), db_pid (the server's main process: the postmaster, or mariadbd) and db_psql (PostgreSQL
# only: psql connected to the database glance4j as the superuser, SQL on stdin). As root, the servers run as their own users.
# BENCH_POSTGRESQL_SETTINGS adds server settings to PostgreSQL's command line, e.g. "-c wal_compression=lz4".
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_user() { if [ "$(id -u)" = 0 ]; then runuser -u "$1" -- "${@:2}"; else "${@:2}"; fi; }

start_database() {
  local kind=$1 db_dir=$2 db_port
  db_port=$(free_port)
  mkdir -p "$db_dir"
  [ "$(id -u)" = 0 ] && chmod o+x "$(dirname "$db_dir")"
  case $kind in
    postgresql)
      local pg_bin
      pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
      [ "$(id -u)" = 0 ] && chown postgres: "$db_dir"
      as_user postgres "$pg_bin/initdb" -D "$db_dir/data" -U postgres --auth=trust -E UTF8 --no-locale \
        >"$db_dir/init.log"
      as_user postgres "$pg_bin/pg_ctl" -D "$db_dir/data" -l "$db_dir/server.log" -w -o "-p $db_port \
        -k $db_dir -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=128MB \
        ${BENCH_POSTGRESQL_SETTINGS:-}" start >/dev/null
      db_stop="as_user postgres $pg_bin/pg_ctl -D $db_dir/data -m fast -w stop"
      as_user postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$db_port" -U postgres glance4j
      db_admin="as_user postgres psql -q -h 127.0.0.1 -p $db_port -U postgres -d postgres -v ON_ERROR_STOP=1"
      db_psql="as_user postgres psql -q -h 127.0.0.1 -p $db_port -U postgres -d glance4j -v ON_ERROR_STOP=1"
      db_pid=$(head -1 "$db_dir/data/postmaster.pid")
      connection=postgresql://postgres@127.0.0.1:$db_port/glance4j ;;
    mariadb)
      command -v mariadbd >/dev/null || { echo "mariadbd is missing: apt-get install -y mariadb-server" >&2; return 1; }
      local user_flag=()
      [ "$(id -u)" = 0 ] && { chown mysql: "$db_dir"; user_flag=(--user=mysql); }
      printf "CREATE DATABASE IF NOT EXISTS glance4j;\nCREATE USER IF NOT EXISTS 'glance4j'@'127.0.0.1' IDENTIFIED BY 'bench';\nGRANT ALL ON glance4j.* TO 'glance4j'@'127.0.0.1';\n" >"$db_dir/init.sql"
      mariadb-install-db --no-defaults --datadir="$db_dir/data" --auth-root-authentication-method=normal \
        --skip-test-db "${user_flag[@]}" >"$db_dir/init.log" 2>&1
      mariadbd --no-defaults --datadir="$db_dir/data" --port="$db_port" --bind-address=127.0.0.1 \
        --socket="$db_dir/mariadbd.sock" --pid-file="$db_dir/mariadbd.pid" --log-error="$db_dir/server.log" \
        --init-file="$db_dir/init.sql" --skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=128M \
        "${user_flag[@]}" >/dev/null 2>&1 &
      db_pid=$!
      db_stop="kill $db_pid; wait $db_pid"
      for _ in $(seq 1 600); do
        [ -S "$db_dir/mariadbd.sock" ] && break
        kill -0 $db_pid 2>/dev/null || { cat "$db_dir/server.log" >&2; return 1; }
        sleep 0.1
      done
      db_admin="mariadb --no-defaults --socket=$db_dir/mariadbd.sock -u root"
      connection="mysql+pymysql://glance4j:bench@127.0.0.1:$db_port/glance4j?charset=utf8" ;;
    *) echo "the database must be sqlite, postgresql or mariadb, not $kind" >&2; return 1 ;;
  esac
}
