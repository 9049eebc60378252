#!/usr/bin/env bash
# Time to first audio through our OpenAI and ElevenLabs TTS streams against bare JDK clients on the same loopback
# fakes in the same run (see docs/benchmarks.md, "TTS time to first audio (OpenAI, ElevenLabs)"):
#   benchmarks/tts-first-audio.sh [HTTP samples per round] [rounds] [WebSocket samples per round]
# Defaults 200 20 100 (4000 HTTP and 2000 WebSocket samples per client); under half a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
. .mvn/select-jdk.sh
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
"$JAVA_HOME/bin/java" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
    io.debabelizer.benchmarks.tts.TtsFirstAudio "$@"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
