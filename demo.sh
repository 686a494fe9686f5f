#!/usr/bin/env bash
# Vigil demo: builds the pack, starts Keycloak with it and the vigil-demo realm, a mail sink that prints
# every mail, and a small demo app. Ctrl-C stops everything it started.
#   ./demo.sh           start (a second run reuses the download, the build and the demo's data; the realm
#                       is imported again when demo/vigil-demo-realm.json changed)
#   ./demo.sh --reset   start with the demo's data wiped (re-imports the vigil-demo realm)
# Ports: VIGIL_DEMO_HTTP_PORT (8080), VIGIL_DEMO_MANAGEMENT_PORT (9000), VIGIL_SMTP_PORT (2525),
# VIGIL_DEMO_APP_PORT (8081).
set -euo pipefail
cd "$(dirname "$0")"

fail() { # fail STEP WHAT-TO-DO [LOG]
  echo >&2
  echo "The demo stopped at the step: $1" >&2
  if [ -n "${3:-}" ] && [ -s "$3" ]; then
    echo "Last lines of $3:" >&2
    grep -E '\[ERROR\]|error:|Exception' "$3" | grep -v '^\[ERROR\] *$' | head -n 15 | sed 's/^/    /' >&2 || true
  fi
  echo "What to do: $2" >&2
  exit 1
}

# 1. A JDK 17 or newer: the wrapper and the build need javac, the demo needs java.
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  fail "checking for a JDK" "install a JDK 17 or newer (not only a JRE) and put its bin/ on PATH, or set JAVA_HOME."
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ] 2>/dev/null; then
  fail "checking the JDK version (found: ${java_major:-unknown})" "use a JDK 17 or newer (JAVA_HOME or PATH)."
fi

# 2. Free ports, before anything is built or started.
for entry in "VIGIL_DEMO_HTTP_PORT:8080" "VIGIL_DEMO_MANAGEMENT_PORT:9000" "VIGIL_SMTP_PORT:2525" "VIGIL_DEMO_APP_PORT:8081"; do
  name=${entry%%:*}
  port=${!name:-${entry#*:}}
  case "$port" in
    ''|*[!0-9]*) fail "checking the ports" "$name must be a port number, not '$port'." ;;
  esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "checking the ports" "port $port ($name) is taken by another program: stop it, or run with $name=<a free port>."
  fi
done

# 3. Build the pack, the demo launcher and its classpath in one reactor run (so the launcher finds the pack's
#    jar in the reactor, not in ~/.m2, which only `mvn install` would fill).
mkdir -p .demo
build_log=.demo/build.log
echo "Building the Vigil jar and the demo launcher (the first run downloads Maven, Keycloak and the"
echo "build's dependencies, about 700 MB, and takes a few minutes; the log is in $build_log)..."
if ! ./mvnw -B -ntp -DskipTests -pl integration-tests -am package dependency:build-classpath \
    -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=runtime >"$build_log" 2>&1; then
  fail "building the pack with Maven" "read $build_log; a download error means Maven Central could not be reached \
(proxy settings go in ~/.m2/settings.xml); a compile error means this checkout is broken (git status)." "$build_log"
fi

keycloak_version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
jar=$(ls dist/target/vigil-keycloak-*.jar 2>/dev/null | grep -v '/original-' | head -n 1 || true)
dist="$PWD/integration-tests/target/keycloak-dist/keycloak-$keycloak_version"
[ -n "$jar" ] || fail "finding the built jar" "the build did not produce dist/target/vigil-keycloak-*.jar: read $build_log." "$build_log"
[ -x "$dist/bin/kc.sh" ] || fail "finding Keycloak $keycloak_version" "the build did not unpack it to $dist: read $build_log." "$build_log"

# 4. Start: the launcher prepares Keycloak (kc.sh build only when the jar changed), imports the realm, starts it all.
exec java \
  -Dvigil.repo.dir="$PWD" \
  -Dvigil.jar="$PWD/$jar" \
  -Dvigil.keycloak.version="$keycloak_version" \
  -Dvigil.keycloak.dist="$dist" \
  -cp "integration-tests/target/classes:$(cat integration-tests/target/demo.classpath)" \
  dev.vigil.testing.demo.DemoLauncher "$@"
