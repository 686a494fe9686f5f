#!/usr/bin/env bash
# Vigil demo: builds the pack, starts Keycloak 26.7.3 with it and the vigil-demo realm, a mail sink
# that prints every mail, and a small demo app. Ctrl-C stops everything it started.
#   ./demo.sh           start (a second run reuses the download, the build and the demo's data)
#   ./demo.sh --reset   start with the demo's data wiped (re-imports the vigil-demo realm)
# Ports: VIGIL_DEMO_HTTP_PORT (8080), VIGIL_DEMO_MANAGEMENT_PORT (9000), VIGIL_SMTP_PORT (2525),
# VIGIL_DEMO_APP_PORT (8081).
set -euo pipefail
cd "$(dirname "$0")"

echo "Building the Vigil jar and the demo launcher..."
./mvnw -q -B -DskipTests -pl integration-tests -am package
./mvnw -q -B -pl integration-tests dependency:build-classpath \
  -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=runtime

jar=$(ls dist/target/vigil-keycloak-*.jar | grep -v '/original-' | head -n 1)
keycloak_version=$(./mvnw -q -B -N help:evaluate -Dexpression=keycloak.version -DforceStdout)

exec java \
  -Dvigil.repo.dir="$PWD" \
  -Dvigil.jar="$PWD/$jar" \
  -Dvigil.keycloak.version="$keycloak_version" \
  -Dvigil.keycloak.dist="$PWD/integration-tests/target/keycloak-dist/keycloak-$keycloak_version" \
  -cp "integration-tests/target/classes:$(cat integration-tests/target/demo.classpath)" \
  dev.vigil.testing.demo.DemoLauncher "$@"
