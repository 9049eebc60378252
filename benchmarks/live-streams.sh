#!/usr/bin/env bash
# Deepgram live-stream benchmarks, in one run (see docs/benchmarks.md):
#   benchmarks/live-streams.sh [overhead chunks per round] [overhead rounds] [capacity seconds per step] [capacity N list]
# 1. DeepgramStreamOverhead: per-chunk round trip through our SpeechStream vs a bare JDK WebSocket, same loopback
#    fake, same JVM, alternating rounds; p50/p99 per round and the median of the per-round p99s.
# 2. DeepgramStreamCapacity: how many concurrent real-time streams (20 ms chunks) one JVM sustains; the fake
#    Deepgram runs in a second JVM that the harness starts and stops. Then the same ramp with bare JDK WebSockets
#    (the transport's own limit here), unless RAW=0.
# Builds the benchmarks module (no install). Full logs go to benchmarks/target/live-streams-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
CHUNKS=${1:-5000}
ROUNDS=${2:-7}
SECONDS_PER_STEP=${3:-30}
STEPS=${4:-25,50,100,200,400,800,1600}

./mvnw -B -q -pl benchmarks -am package -DskipTests
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OVERHEAD_LOG=benchmarks/target/live-streams-overhead-$STAMP.log
CAPACITY_LOG=benchmarks/target/live-streams-capacity-$STAMP.log
RAW_LOG=benchmarks/target/live-streams-capacity-raw-$STAMP.log

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== DeepgramStreamOverhead $CHUNKS $ROUNDS"
"$JAVA" -cp "$CP" io.debabelizer.benchmarks.deepgram.DeepgramStreamOverhead "$CHUNKS" "$ROUNDS" 2>&1 \
    | grep --line-buffered -v '^SLF4J' | tee "$OVERHEAD_LOG"
echo "== DeepgramStreamCapacity $SECONDS_PER_STEP $STEPS"
"$JAVA" -cp "$CP" io.debabelizer.benchmarks.deepgram.DeepgramStreamCapacity "$SECONDS_PER_STEP" "$STEPS" 2>&1 \
    | grep --line-buffered -v '^SLF4J' | tee "$CAPACITY_LOG"
if [ "${RAW:-1}" != 0 ]; then
    echo "== DeepgramStreamCapacity $SECONDS_PER_STEP $STEPS --raw"
    "$JAVA" -cp "$CP" io.debabelizer.benchmarks.deepgram.DeepgramStreamCapacity "$SECONDS_PER_STEP" "$STEPS" --raw \
        2>&1 | grep --line-buffered -v '^SLF4J' | tee "$RAW_LOG"
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== summary"
grep -E '^(median of per-round|overhead \(difference\))' "$OVERHEAD_LOG"
echo "debabelizer streams: $(grep -E '^largest N sustained' "$CAPACITY_LOG")"
grep -E 'not sustained' "$CAPACITY_LOG" || true
if [ -f "$RAW_LOG" ]; then
    echo "bare JDK WebSockets: $(grep -E '^largest N sustained' "$RAW_LOG")"
    grep -E 'not sustained' "$RAW_LOG" || true
fi
