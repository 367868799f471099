#!/usr/bin/env bash
# Runs any part of SQLite's sqllogictest corpus against one in-process CairnDB node through the JDBC driver.
#   sqllogic-tests/run.sh [--json FILE] [--verbose] [--jobs N] [--list] PATTERN...  (PATTERN: select1, index/between, all, ...)
# Needs the module installed once: mvn -o -q -pl sqllogic-tests install -DskipTests (run from the repository root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
cp_file="target/runtime.classpath"
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" ]]; then
  mvn -o -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >&2 \
    || mvn -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >&2
fi
jar="target/classes"
if [[ ! -d "$jar" ]]; then
  echo "build the module first: (cd .. && mvn -o -q -pl sqllogic-tests install -DskipTests)" >&2
  exit 2
fi
# sofa-jraft installs a Java handler for SIGUSR2, the signal HotSpot suspends threads with for JFR's execution
# sampler; with it, profiling a node (-XX:StartFlightRecording) took almost no samples. HotSpot uses this signal
# instead (a real-time signal nothing else here uses).
export _JAVA_SR_SIGNUM="${_JAVA_SR_SIGNUM:-39}"
exec java ${SLT_JAVA_OPTS:--Xmx3g} -cp "$jar:$(cat "$cp_file")" io.cairndb.sqllogic.ConformanceRunner "$@"
