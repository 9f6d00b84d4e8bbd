#!/usr/bin/env bash
# Starts MariaDB/MySQL and Redis on 127.0.0.1 when they are not answering. Idempotent.
# Users with Docker can instead run `docker compose up -d mysql redis`.
set -euo pipefail

db_up() { mysqladmin --protocol=tcp -h 127.0.0.1 -P "${DB_PORT:-3306}" -u "${DB_USER:-root}" ${DB_PASSWORD:+-p"$DB_PASSWORD"} ping >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-6379}" ping 2>/dev/null | grep -q PONG; }

if ! db_up; then
  if [ -x /usr/sbin/mariadbd ]; then
    echo "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 || service mariadb start
    for _ in $(seq 1 60); do db_up && break; sleep 0.5; done
    # root over TCP may be refused where root uses socket auth (error 1698).
    if ! db_up; then
      mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket" 2>/dev/null || true
    fi
  fi
fi
db_up || { echo "MariaDB/MySQL is not reachable on 127.0.0.1:${DB_PORT:-3306}. Install it (apt-get install mariadb-server) or run: docker compose up -d mysql redis" >&2; exit 1; }

if ! redis_up; then
  if command -v redis-server >/dev/null; then
    echo "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "${REDIS_PORT:-6379}" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 40); do redis_up && break; sleep 0.25; done
  fi
fi
redis_up || { echo "Redis is not reachable on 127.0.0.1:${REDIS_PORT:-6379}. Install it (apt-get install redis-server) or run: docker compose up -d mysql redis" >&2; exit 1; }
