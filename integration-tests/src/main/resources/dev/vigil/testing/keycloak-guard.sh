#!/usr/bin/env bash
# Runs a command (kc.sh) and ends it when the JVM that started the harness is gone, so a crashed or
# killed test run leaves no Keycloak behind. Usage: keycloak-guard.sh WATCHED_PID COMMAND...
watched=$1
shift
"$@" &
child=$!
stop() {
  kill -TERM "$child" 2>/dev/null
  wait "$child"
  exit 143
}
trap stop TERM INT
while kill -0 "$watched" 2>/dev/null; do
  if ! kill -0 "$child" 2>/dev/null; then
    wait "$child"
    exit $?
  fi
  # A watchdog's poll, not a test's sleep: wakes once a second to look at the watched JVM.
  sleep 1 &
  wait $!
done
# kc.sh forwards TERM to Keycloak's JVM; if that does not end it, take down the whole session.
kill -TERM "$child" 2>/dev/null
for _ in $(seq 1 30); do
  kill -0 "$child" 2>/dev/null || exit 0
  sleep 1
done
kill -KILL 0
