package io.debabelizer.codecs;

import io.debabelizer.UnsupportedFormatException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import java.util.List;

/**
 * WebM/Matroska with an Opus audio track (codec ID {@code A_OPUS}, what browsers' MediaRecorder produces) to 48 kHz
 * PCM with concentus. The first audio track is decoded; pre-skip comes from the OpusHead in CodecPrivate (or
 * CodecDelay), end trimming from DiscardPadding.
 */
public final class WebmOpusDecoder implements AudioDecoder {

    private static final String CODEC = "WebM/Opus";
    private static final long AUDIO_TRACK = 2;

    @Override
    public boolean canDecode(AudioFormat format) {
        return format.container() == Container.WEBM
            && (format.encoding() == Encoding.OPUS || format.encoding() == Encoding.UNKNOWN);
    }

    @Override
    public AudioData decode(AudioData input) {
        try {
            return decodeStream(input);
        } catch (UnsupportedFormatException e) {
            throw e;
        } catch (RuntimeException e) { // a bug or an unforeseen corruption: still the caller's input problem
            throw DecodeErrors.corrupt(CODEC, e);
        }
    }

    private static AudioData decodeStream(AudioData input) {
        List<MatroskaAudioReader.Track> tracks = MatroskaAudioReader.read(input.bytes(), CODEC);
        MatroskaAudioReader.Track audio = tracks.stream()
            .filter(t -> t.type == AUDIO_TRACK || t.codecId.startsWith("A_"))
            .findFirst()
            .orElseThrow(() -> new UnsupportedFormatException("WebM/Matroska file has no audio track"));
        if (!audio.codecId.equals("A_OPUS")) {
            throw new UnsupportedFormatException("WebM/Matroska audio codec " + audio.codecId
                + " is not supported; only Opus (A_OPUS) is decoded");
        }
        OpusHead head = audio.codecPrivate != null
            ? OpusHead.parse(audio.codecPrivate, CODEC)
            : headFromTrackFields(audio);
        OpusStreamDecoder decoder = new OpusStreamDecoder(head, CODEC);
        for (byte[] frame : audio.frames) {
            decoder.decode(frame);
        }
        long padding = nanosToSamples(audio.discardPaddingNs);
        long total = padding > 0 ? Math.max(0, decoder.decodedSamples() - head.preSkip() - padding) : -1;
        return decoder.finish(total);
    }

    /** Without CodecPrivate, channels and pre-skip come from the track's own fields (mono/stereo only). */
    private static OpusHead headFromTrackFields(MatroskaAudioReader.Track track) {
        int channels = (int) track.channels;
        if (channels < 1 || channels > 2) {
            throw DecodeErrors.corrupt(CODEC, "Opus track without CodecPrivate states " + channels + " channels");
        }
        return new OpusHead(channels, (int) nanosToSamples(track.codecDelayNs), 0, 0, 1, channels - 1, null);
    }

    private static long nanosToSamples(long nanos) {
        return Math.round(nanos * (double) OpusStreamDecoder.SAMPLE_RATE / 1_000_000_000L);
    }
}
