#!/usr/bin/env bash
# The version matrix: the whole IT suite against each supported Keycloak version in release/matrix-versions (or the
# versions given as arguments), with ONE jar built against the default version (keycloak.version in pom.xml).
# Runs the committed code (HEAD, exported to target/matrix/src), so edits in the working tree during the run
# change nothing. Results: target/matrix/results/<version>/ (run.properties, Maven log, Failsafe reports);
# at the end the Compatibility tables in README.md and docs/compatibility.md are regenerated from them.
#   release/matrix.sh                 # every version in release/matrix-versions
#   release/matrix.sh 26.5.6          # one version (the tables then show the versions with results)
#   MVN_FLAGS=-o release/matrix.sh    # offline, when every distribution is already in ~/.m2
# Below the pack's minimum Keycloak (release/matrix-expectations.properties) only the refusal checks run there.
# Not part of .ci/run; durations in docs/compatibility.md.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out="$repo/target/matrix"
mvn_flags=${MVN_FLAGS:-}

if [ "$#" -gt 0 ]; then
  versions=("$@")
else
  mapfile -t versions < <(grep -v '^[[:space:]]*#' release/matrix-versions | grep -v '^[[:space:]]*$')
fi
commit=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "matrix: the working tree has uncommitted changes; the matrix runs the last commit, ${commit:0:7}." >&2
fi

echo "matrix: exporting ${commit:0:7} to $out/src"
rm -rf "$out/src"
mkdir -p "$out/src" "$out/results"
git archive "$commit" | tar -x -C "$out/src"
cd "$out/src"

echo "matrix: building the one jar (against the default Keycloak)"
./mvnw -B -q $mvn_flags -pl dist -am package -DskipTests
jar_name=$(ls dist/target/vigil-keycloak-*.jar | grep -v -- '-original' | head -1)
jar="$out/$(basename "$jar_name")"
cp "$jar_name" "$jar"
jar_sha=$(sha256sum "$jar" | cut -d' ' -f1)
echo "matrix: jar $jar sha256 $jar_sha"

policy="$repo/release/matrix-expectations.properties"
minimum=$(sed -n 's/^minimum=[[:space:]]*//p' "$policy")
refusal_its=$(sed -n 's/^refusal-its=[[:space:]]*//p' "$policy" | tr -d ' ')
below_minimum() { # $1 = version: is its major.minor older than the pack's minimum?
  local minor; minor=$(echo "$1" | cut -d. -f1-2)
  [ "$minor" != "$minimum" ] && [ "$(printf '%s\n%s\n' "$minor" "$minimum" | sort -V | head -1)" = "$minor" ]
}

matrix_start=$(date +%s)
for v in "${versions[@]}"; do
  result="$out/results/$v"
  rm -rf "$result" integration-tests/target/failsafe-reports
  mkdir -p "$result"
  its=()
  if below_minimum "$v"; then
    its=("-Dit.test=$refusal_its")
    echo "matrix: Keycloak $v is older than $minimum: running the refusal checks $refusal_its (log: $result/maven.log)"
  else
    echo "matrix: Keycloak $v: running every IT (log: $result/maven.log)"
  fi
  start=$(date +%s)
  set +e
  ./mvnw -B $mvn_flags -pl integration-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "${its[@]}" \
    -Dmaven.test.failure.ignore=true -Dvigil.it.keycloak.version="$v" -Dvigil.it.work.dir="$out/work/$v" \
    -Dvigil.jar="$jar" >"$result/maven.log" 2>&1
  exit_code=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  if [ -d integration-tests/target/failsafe-reports ]; then
    mkdir -p "$result/failsafe-reports"
    cp integration-tests/target/failsafe-reports/TEST-*.xml "$result/failsafe-reports/" 2>/dev/null || true
  fi
  cp "$out/work/$v/servers/single/build.log" "$result/kc-build.log" 2>/dev/null || true
  cat >"$result/run.properties" <<PROPS
keycloak=$v
seconds=$seconds
exit=$exit_code
jar-sha256=$jar_sha
commit=$commit
date=$(date -u +%Y-%m-%d)
PROPS
  echo "matrix: Keycloak $v: Maven exit $exit_code after ${seconds} s; $(grep -E 'Tests run:.*Fail' "$result/maven.log" | tail -1)"
done
echo "matrix: all versions took $(( $(date +%s) - matrix_start )) s"

cd "$repo"
java -cp "$out/src/integration-tests/target/classes" dev.vigil.testing.matrix.CompatibilityTable \
  "$out/results" release/matrix-expectations.properties README.md docs/compatibility.md
