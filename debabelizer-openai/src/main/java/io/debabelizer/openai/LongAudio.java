package io.debabelizer.openai;

import io.debabelizer.audio.AudioConverter;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Pcm;
import io.debabelizer.audio.Wav;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.Usage;
import io.debabelizer.stt.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Audio too big for one upload (the API takes 25 MB) is decoded to 16 kHz mono PCM — what Whisper works on anyway
 * — and cut into WAV pieces under the limit, each cut at the quietest 20 ms frame of the last stretch before the
 * limit, so that no word is cut in half. The pieces' transcripts are stitched with times shifted by each piece's
 * offset, so they read as one transcript of the whole recording.
 */
final class LongAudio {

    /** The API's upload limit (25 MB). */
    static final long API_LIMIT_BYTES = 25L * 1024 * 1024;
    static final int RATE = 16_000;
    private static final AudioFormat PCM = AudioFormat.pcm16(RATE, 1);
    private static final int FRAME = RATE / 50; // 20 ms
    private static final int WAV_HEADER = 44;

    /** One piece: a WAV file and where it starts in the whole recording. */
    record Piece(byte[] wav, double offsetSeconds, double durationSeconds) {
    }

    private LongAudio() {
    }

    /** The pieces of {@code audio}, each at most {@code limitBytes} long as a WAV file. */
    static List<Piece> split(AudioData audio, long limitBytes) {
        short[] samples = Pcm.toShorts(AudioConverter.toPcm16(audio, RATE, 1).bytes(), PCM);
        int maxSamples = (int) Math.min(Integer.MAX_VALUE, (limitBytes - WAV_HEADER) / 2);
        if (maxSamples < 2 * FRAME) {
            throw new IllegalArgumentException("upload limit of " + limitBytes + " bytes is too small to split at");
        }
        // Look for the quietest frame in the last fifth of each piece, but no further back than 30 s.
        int window = Math.max(FRAME, Math.min(maxSamples / 5, 30 * RATE));
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        while (start < samples.length) {
            int end;
            if (samples.length - start <= maxSamples) {
                end = samples.length;
            } else {
                end = quietestCut(samples, start + maxSamples - window, start + maxSamples);
            }
            short[] piece = Arrays.copyOfRange(samples, start, end);
            pieces.add(new Piece(Wav.write(PCM, Pcm.fromShorts(piece)), (double) start / RATE,
                    (double) piece.length / RATE));
            start = end;
        }
        return pieces;
    }

    /** The middle of the lowest-energy 20 ms frame within {@code [from, to)}; later frames win ties. */
    static int quietestCut(short[] s, int from, int to) {
        long best = Long.MAX_VALUE;
        int cut = to;
        for (int f = from; f + FRAME <= to; f += FRAME) {
            long energy = 0;
            for (int i = f; i < f + FRAME; i++) {
                energy += (long) s[i] * s[i];
            }
            if (energy <= best) {
                best = energy;
                cut = f + FRAME / 2;
            }
        }
        return cut;
    }

    /** Transcribes every piece with {@code transcribe} and joins the results into one transcript. */
    static Transcript transcribe(List<Piece> pieces, Function<Piece, Transcript> transcribe) {
        StringBuilder text = new StringBuilder();
        List<Word> words = new ArrayList<>();
        String language = null;
        String model = null;
        String requestId = null;
        double billed = 0;
        double duration = 0;
        for (Piece p : pieces) {
            Transcript t = transcribe.apply(p);
            if (!t.text().isBlank()) {
                text.append(text.isEmpty() ? "" : " ").append(t.text().strip());
            }
            for (Word w : t.words()) {
                words.add(w.shifted(p.offsetSeconds()));
            }
            language = language == null ? t.language() : language;
            model = model == null ? t.model() : model;
            requestId = requestId == null ? t.requestId() : requestId;
            billed += t.usage().audioSeconds();
            duration = p.offsetSeconds() + p.durationSeconds();
        }
        return new Transcript(text.toString(), language, duration, Double.NaN, words, OpenAiSettings.PROVIDER, model,
                requestId, new Usage(billed));
    }
}
