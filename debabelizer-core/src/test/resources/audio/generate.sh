#!/usr/bin/env bash
# Regenerates the audio test fixtures from /work/shared/speech/jfk.wav (16 kHz mono speech).
# Run from this directory: ./generate.sh [path/to/jfk.wav]
set -euo pipefail
SRC=${1:-../../../../../../shared/speech/jfk.wav}
FF="ffmpeg -hide_banner -loglevel error -y -ss 1.0 -t 0.6 -i $SRC -fflags +bitexact -map_metadata -1"
$FF -c:a pcm_u8    -ar 8000                 wav-pcm8-8k-mono.wav
$FF -c:a pcm_s16le -ar 16000                wav-pcm16-16k-mono.wav
$FF -c:a pcm_s24le -ar 8000                 wav-pcm24-8k-mono.wav
$FF -c:a pcm_s32le -ar 8000                 wav-pcm32-8k-mono.wav
$FF -c:a pcm_f32le -ar 8000                 wav-float32-8k-mono.wav
$FF -c:a pcm_mulaw -ar 8000                 wav-mulaw-8k-mono.wav
$FF -c:a pcm_alaw  -ar 8000                 wav-alaw-8k-mono.wav
$FF -c:a pcm_s16le -ar 8000 -ac 2                 wav-pcm16-8k-stereo.wav
# WAVE_FORMAT_EXTENSIBLE: sox writes the extensible header for 24-bit output.
sox -D wav-pcm32-8k-mono.wav -b 24 wav-extensible-pcm24-8k-mono.wav
ffmpeg -hide_banner -loglevel error -y -i wav-pcm16-16k-mono.wav -rf64 always wav-rf64-pcm16-16k-mono.wav
$FF -c:a libmp3lame -b:a 32k -ar 16000 -write_xing 0 -id3v2_version 0 mp3-16k-mono-noid3.mp3
$FF -c:a libmp3lame -b:a 32k -ar 16000 -id3v2_version 4 -metadata title=fixture mp3-16k-mono-id3.mp3
$FF -c:a flac -ar 16000                       flac-16k-mono.flac
$FF -c:a libopus -b:a 24k                     ogg-opus-16k-mono.opus
$FF -c:a libvorbis -q:a 0 -ar 16000           ogg-vorbis-16k-mono.ogg
$FF -c:a libopus -b:a 24k -f webm             webm-opus-16k-mono.webm
$FF -c:a aac -b:a 32k -ar 16000 -f adts        adts-aac-16k-mono.aac
$FF -c:a aac -b:a 32k -ar 16000 -movflags +faststart m4a-aac-16k-mono.m4a
