#!/usr/bin/env bash
# Release artifacts from one command, for the commit checked out (HEAD):
#   release/release.sh                      # -> target/release/<version>/
# Needs Maven online: the CycloneDX plugin skips itself in offline mode (-o), and the release then stops.
# Builds the drop-in jar twice, from clean exports of HEAD in two different directories, and stops unless
# both builds are byte-identical (jar and SBOM). Then writes, in target/release/<version>/:
#   vigil-keycloak-<version>.jar            the drop-in jar
#   vigil-keycloak-<version>.sbom.json      CycloneDX SBOM: the modules inside the jar ("required") and what it
#                                           expects from Keycloak ("optional", property vigil:provided-by)
#   RELEASE-NOTES.md                        CHANGELOG.md's section for <version> (or Unreleased), and checks
#   SHA256SUMS                              sha256sum -c SHA256SUMS verifies all of the above
# Tests are not run here (-DskipTests): release a commit whose CI run (.ci/run) passed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
mvn_flags=${MVN_FLAGS:-}

commit=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release: uncommitted changes are not released; building the last commit, ${commit:0:7}." >&2
fi
version=$(git show "$commit:pom.xml" | sed -n 's:^  <version>\(.*\)</version>$:\1:p' | head -1)
keycloak=$(git show "$commit:pom.xml" | sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' | head -1)
name="vigil-keycloak-$version"
work="$repo/target/release/work"
out="$repo/target/release/$version"
echo "release: Vigil $version (commit ${commit:0:7}), built against Keycloak $keycloak"

build() { # $1: directory; exports HEAD there and builds the jar and the SBOM from clean
  rm -rf "$1"
  mkdir -p "$1"
  git archive "$commit" | tar -x -C "$1"
  (cd "$1" && ./mvnw -B -q $mvn_flags -Prelease -pl dist -am clean package -DskipTests)
  if [ ! -f "$1/dist/target/$name.sbom.json" ]; then
    echo "release: no SBOM was written ($1/dist/target/$name.sbom.json); the CycloneDX plugin needs Maven online." >&2
    exit 1
  fi
  java "$1/dist/src/build/MarkProvided.java" "$1/dist/target/$name.sbom.json" "pkg:maven/dev.vigil/"
}
echo "release: build 1 of 2 in $work/1"
build "$work/1"
echo "release: build 2 of 2 in $work/2"
build "$work/2"
for f in "$name.jar" "$name.sbom.json"; do
  if ! cmp -s "$work/1/dist/target/$f" "$work/2/dist/target/$f"; then
    echo "release: NOT REPRODUCIBLE: $f differs between the two builds (see $work/1 and $work/2)." >&2
    exit 1
  fi
done
echo "release: both builds are byte-identical"

rm -rf "$out"
mkdir -p "$out"
cp "$work/1/dist/target/$name.jar" "$work/1/dist/target/$name.sbom.json" "$out/"

# Release notes: CHANGELOG.md's section for this version ("## [0.1.0]"), else the Unreleased one.
release_version=${version%-SNAPSHOT}
section=$(git show "$commit:CHANGELOG.md" | awk -v v="$release_version" '
  /^## \[/ { if (found) exit; if (index($0, "## [" v "]") == 1) { found = 1; next } }
  found { print }')
heading="$release_version"
if [ -z "$section" ]; then
  section=$(git show "$commit:CHANGELOG.md" | awk '
    /^## \[/ { if (found) exit; if (index($0, "## [Unreleased]") == 1) { found = 1; next } }
    found { print }')
  heading="$version (unreleased changes: CHANGELOG.md has no section [$release_version] yet)"
fi
{
  echo "# Vigil $heading"
  echo
  echo "Drop-in jar \`$name.jar\` for Keycloak's \`providers/\` folder, built against Keycloak $keycloak"
  echo "(Java 17+), from commit \`$commit\`. Which Keycloak versions it was tested on: README.md, Compatibility."
  echo
  echo "Check the files: \`sha256sum -c SHA256SUMS\`. The build is reproducible: \`release/release.sh\` at"
  echo "that commit gives the same bytes. The SBOM (\`$name.sbom.json\`, CycloneDX) lists Vigil's modules inside"
  echo "the jar and, marked \`\"scope\": \"optional\"\` with the property \`vigil:provided-by = keycloak-server\`,"
  echo "the libraries the jar expects from Keycloak and does not contain."
  echo
  echo "## Changes"
  echo "$section"
} >"$out/RELEASE-NOTES.md"

(cd "$out" && sha256sum "$name.jar" "$name.sbom.json" RELEASE-NOTES.md >SHA256SUMS)
echo "release: artifacts in $out"
cat "$out/SHA256SUMS"
