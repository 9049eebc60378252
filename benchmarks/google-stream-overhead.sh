#!/usr/bin/env bash
# Google live-stream overhead (see docs/benchmarks.md, "Google live stream overhead"):
#   benchmarks/google-stream-overhead.sh [chunks per round] [rounds]
# GoogleStreamOverhead: per-chunk round trip through our SpeechStream vs a bare grpc-java StreamingRecognize call,
# same loopback gRPC server, same JVM, alternating rounds; p50/p99 per round and the median of the per-round p99s.
# Builds the benchmarks module (no install). The full log goes to benchmarks/target/google-stream-overhead-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
CHUNKS=${1:-5000}
ROUNDS=${2:-7}

./mvnw -B -q -pl benchmarks -am package -DskipTests
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
LOG=benchmarks/target/google-stream-overhead-$(date -u +%Y%m%dT%H%M%SZ).log

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GoogleStreamOverhead $CHUNKS $ROUNDS"
"$JAVA" -cp "$CP" io.debabelizer.benchmarks.google.GoogleStreamOverhead "$CHUNKS" "$ROUNDS" 2>&1 \
    | grep --line-buffered -v '^SLF4J' | tee "$LOG"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== summary"
grep -E '^(median of per-round|overhead \(difference\))' "$LOG"
