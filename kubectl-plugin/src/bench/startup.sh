#!/bin/sh
# Start time of kubectl-siha with the stub's JVM flags against plain `java -jar`, side by side in one run.
# Each run is a full command up to its first API call: it parses, loads the kubeconfig, builds the Fabric8 client and
# fails to connect (nothing listens on port 1), which is the fixed cost every command pays before the network.
# Usage: kubectl-plugin/src/bench/startup.sh [RUNS]   (after mvn -pl kubectl-plugin package)
set -eu
runs=${1:-10}
file=$(dirname "$0")/../../target/kubectl-siha
config=$(mktemp)
trap 'rm -f "$config"' EXIT
cat > "$config" <<'YAML'
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
YAML
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
total() { # $1 = JVM flags; prints the sum of $runs wall times in ms
  sum=0
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    $java $1 -jar "$file" status x --kubeconfig "$config" >/dev/null 2>&1 || true
    sum=$((sum + ($(date +%s%N) - start) / 1000000))
    i=$((i + 1))
  done
  echo "$sum"
}
# Alternate the two so that a change in the machine's load hits both alike.
plain=0
stub=0
i=0
while [ "$i" -lt "$runs" ]; do
  plain=$((plain + $(runs=1 total "")))
  stub=$((stub + $(runs=1 total "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")))
  i=$((i + 1))
done
echo "runs: $runs"
echo "java -jar (default JIT and GC): $((plain / runs)) ms per command"
echo "stub flags (C1 only, serial GC): $((stub / runs)) ms per command"
echo "ratio stub/plain: $(awk "BEGIN { printf \"%.2f\", $stub / $plain }")"
