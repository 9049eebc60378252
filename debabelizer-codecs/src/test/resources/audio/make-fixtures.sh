#!/bin/sh
# Regenerates the decoder test fixtures (ffmpeg 5.1 with libmp3lame, libopus, libvorbis, flac).
# Run from this folder: sh make-fixtures.sh /path/to/jfk.wav
set -e
JFK=${1:-/work/shared/speech/jfk.wav}
# A 1 kHz sine at half of full scale (-6 dBFS); the tests check frequency and level.
TONE1='0.5*sin(2*PI*1000*t)'
TONE2="$TONE1|$TONE1"
F="ffmpeg -hide_banner -loglevel error -y -bitexact"

# MP3: MPEG-1 stereo 44.1 kHz with an ID3v2.3 tag; MPEG-2 mono 16 kHz; MPEG-2.5 mono 8 kHz; speech.
$F -f lavfi -i "aevalsrc=$TONE2:s=44100:d=1" -c:a libmp3lame -b:a 64k -id3v2_version 3 \
   -metadata title="1 kHz tone" -metadata artist="debabelizer" tone-44100-stereo-id3.mp3
$F -f lavfi -i "aevalsrc=$TONE1:s=16000:d=1" -c:a libmp3lame -b:a 32k -write_id3v2 0 tone-16000-mono.mp3
$F -f lavfi -i "aevalsrc=$TONE1:s=8000:d=1" -c:a libmp3lame -b:a 16k -write_id3v2 0 tone-8000-mono.mp3
$F -i "$JFK" -t 1 -c:a libmp3lame -b:a 32k -write_id3v2 0 jfk-16000-mono.mp3

# FLAC: 16-bit mono 16 kHz speech and tone; 24-bit stereo 48 kHz tone.
$F -i "$JFK" -t 1 -c:a flac jfk-16000-mono-16bit.flac
$F -f lavfi -i "aevalsrc=$TONE1:s=16000:d=1" -c:a flac -sample_fmt s16 tone-16000-mono-16bit.flac
$F -f lavfi -i "aevalsrc=$TONE2:s=48000:d=0.3" -c:a flac -sample_fmt s32 -bits_per_raw_sample 24 tone-48000-stereo-24bit.flac

# Ogg/Opus: mono speech, mono tone from 16 kHz input, stereo tone.
$F -i "$JFK" -t 1 -c:a libopus -b:a 24k jfk-mono.opus
$F -f lavfi -i "aevalsrc=$TONE1:s=16000:d=1" -c:a libopus -b:a 32k tone-mono.opus
$F -f lavfi -i "aevalsrc=$TONE2:s=48000:d=1" -c:a libopus -b:a 64k tone-stereo.opus

# WebM/Opus (Matroska, A_OPUS) and Ogg/Vorbis.
$F -f lavfi -i "aevalsrc=$TONE2:s=48000:d=1" -c:a libopus -b:a 48k tone-stereo.webm
# Written to a pipe, as a live recorder would: Segment and Clusters of unknown size.
$F -f lavfi -i "aevalsrc=$TONE1:s=48000:d=1" -c:a libopus -b:a 32k -f webm - > tone-mono-live.webm
$F -f lavfi -i "aevalsrc=$TONE1:s=22050:d=1" -c:a libvorbis -q:a 2 tone-22050-mono.ogg

# Ogg/Opus 5.1 (channel mapping family 1: several Opus streams mapped to six channels), half a second.
$F -f lavfi -i "aevalsrc=$TONE2|$TONE2|$TONE2:s=48000:d=0.5:c=5.1" -c:a libopus -b:a 96k tone-5.1.opus
