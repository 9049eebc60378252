#!/usr/bin/env bash
# Compares our resampler (io.debabelizer.audio.Resampler) with SoX on speed and quality, in one run:
#   benchmarks/resampler-vs-sox.sh [path/to/shared/speech/jfk.wav]
# Needs sox. Builds the benchmarks module (no install), makes a 60 s 48 kHz input (jfk.wav upsampled by sox, then a
# 100 Hz - 20 kHz sweep), resamples it to 16 kHz with both, and measures test tones through both.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEECH=${1:-../shared/speech/jfk.wav}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v sox >/dev/null || { echo "sox is required" >&2; exit 1; }

./mvnw -B -q -pl benchmarks -am package -DskipTests
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
TOOL=("$JAVA" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" io.debabelizer.benchmarks.audio.ResampleTool)
F32=(-e floating-point -b 32)

# 60 s input at 48 kHz: 11 s of speech + 49 s sweep, 32-bit float.
sox "$SPEECH" "${F32[@]}" -r 48000 "$WORK/speech48.wav" rate -v
sox -n "${F32[@]}" -r 48000 -c 1 "$WORK/sweep48.wav" synth 49 sine 100-20000 vol 0.5
sox "$WORK/speech48.wav" "$WORK/sweep48.wav" "$WORK/input48.wav"
# Test tones, 5 s each at 48 kHz: 10 kHz full scale (must vanish), 1 kHz and 7.2 kHz at -6 dBFS (must stay).
sox -n "${F32[@]}" -r 48000 -c 1 "$WORK/t10k.wav" synth 5 sine 10000
sox -n "${F32[@]}" -r 48000 -c 1 "$WORK/t1k.wav" synth 5 sine 1000 vol 0.5
sox -n "${F32[@]}" -r 48000 -c 1 "$WORK/t7k2.wav" synth 5 sine 7200 vol 0.5

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); printf "%.3f" "$(echo "$e - $s" | bc)"; }

echo "== 60 s of 48 kHz mono (speech + sweep) -> 16 kHz, wall time including process start"
echo "debabelizer Resampler : $(seconds "${TOOL[@]}" resample "$WORK/input48.wav" "$WORK/ours16.wav" 16000) s"
"${TOOL[@]}" resample "$WORK/input48.wav" "$WORK/ours16.wav" 16000 | sed 's/^/  (in-process: /; s/$/)/'
echo "sox rate -v           : $(seconds sox "$WORK/input48.wav" "${F32[@]}" "$WORK/soxv16.wav" rate -v 16000) s"
echo "sox rate -h           : $(seconds sox "$WORK/input48.wav" "${F32[@]}" "$WORK/soxh16.wav" rate -h 16000) s"

echo
echo "== quality at 48 kHz -> 16 kHz (dBFS; 10 kHz would alias to 6 kHz)"
printf '%-22s %12s %12s %12s\n' resampler "10k@6k" "1k(-6.0)" "7.2k(-6.0)"
for who in ours soxv soxh; do
  levels=()
  for tone in t10k:6000 t1k:1000 t7k2:7200; do
    name=${tone%%:*}; hz=${tone##*:}
    case $who in
      ours) "${TOOL[@]}" resample "$WORK/$name.wav" "$WORK/$who-$name.wav" 16000 >/dev/null ;;
      soxv) sox "$WORK/$name.wav" "${F32[@]}" "$WORK/$who-$name.wav" rate -v 16000 ;;
      soxh) sox "$WORK/$name.wav" "${F32[@]}" "$WORK/$who-$name.wav" rate -h 16000 ;;
    esac
    levels+=("$("${TOOL[@]}" level "$WORK/$who-$name.wav" "$hz")")
  done
  label=$([ $who = ours ] && echo "debabelizer" || echo "sox rate -${who#sox}")
  printf '%-22s %12s %12s %12s\n' "$label" "${levels[@]}"
done
