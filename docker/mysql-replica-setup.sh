#!/bin/sh
# Makes mysql-replica follow mysql from the primary's current position (scale profile, run once).
set -eu
until mysqladmin ping -h mysql -uroot --silent; do sleep 1; done
until mysqladmin ping -h mysql-replica -uroot --silent; do sleep 1; done
if mysql -h mysql-replica -uroot -e 'SHOW REPLICA STATUS\G' | grep -q 'Replica_IO_Running: Yes'; then exit 0; fi
mysql -h mysql -uroot -e "CREATE USER IF NOT EXISTS 'repl'@'%' IDENTIFIED WITH caching_sha2_password BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';"
mysql -h mysql-replica -uroot -e "CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql', SOURCE_USER='repl', SOURCE_PASSWORD='repl', SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1; START REPLICA;"
