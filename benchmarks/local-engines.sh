#!/usr/bin/env bash
# Measures the local engines in one run on this machine (see docs/benchmarks.md, "Local engines"):
#   benchmarks/local-engines.sh [path/to/shared]        (default ../shared: speech/*.wav and models/)
#   1. real-time factor of each STT engine (pocketsphinx, sphinx4, whisper with the weightless test model)
#   2. our PocketSphinx binding against Debian's pocketsphinx_batch, same files, model and flags, alternating runs
#   3. TTS speed: seconds of audio per wall second, every flite voice and freetts
#   4. 1,000 consecutive pocketsphinx transcriptions and flite syntheses in one JVM, RSS every 100 calls
# Needs the Debian packages libpocketsphinx3 pocketsphinx-en-us libflite1 (engines missing are skipped with the
# reason) and pocketsphinx (for pocketsphinx_batch). Takes about 12 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
SPEECH=$SHARED/speech
WHISPER_MODEL=$SHARED/models/for-tests-ggml-tiny.en.bin
[ -f "$SPEECH/references.tsv" ] || { echo "no $SPEECH/references.tsv: pass the path to shared/" >&2; exit 1; }

./mvnw -B -q -pl benchmarks -am package -DskipTests
. .mvn/select-jdk.sh
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED
      -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*")
PKG=io.debabelizer.benchmarks.local

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
"${JAVA[@]}" $PKG.SttRealTimeFactor "$SPEECH" "$WHISPER_MODEL" pocketsphinx=3 sphinx4=1 whisper=3
echo
if command -v pocketsphinx_batch >/dev/null; then
  "${JAVA[@]}" $PKG.PocketSphinxVsCli "$SPEECH" 7
else
  echo "# binding vs CLI skipped: pocketsphinx_batch not found (apt-get install pocketsphinx)"
fi
echo
"${JAVA[@]}" $PKG.TtsSpeed 5
echo
# A fixed, pre-touched heap: RSS growth is then native memory, not the heap filling up.
"${JAVA[@]:0:2}" -Xms256m -Xmx256m -XX:+AlwaysPreTouch "${JAVA[@]:2}" $PKG.NativeMemorySoak "$SPEECH" 1000 1.0
echo "# finished $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
