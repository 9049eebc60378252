package io.debabelizer.cli.eval;

import java.util.List;

/**
 * What an evaluation measured for one provider.
 *
 * @param provider   provider name
 * @param wer        corpus word error rate: all edits over all reference words (failed files count as all deleted)
 * @param meanWer    mean of the per-file rates of the files that succeeded
 * @param rtf        real-time factor over all files that succeeded: processing seconds / audio seconds
 * @param files      per-file results, manifest order
 * @param failures   number of files that failed
 */
public record EvalReport(String provider, double wer, double meanWer, double rtf, List<FileResult> files,
                         int failures) {

    public EvalReport {
        files = List.copyOf(files);
    }

    /**
     * @param file       the manifest's file entry
     * @param wer        word error rate, NaN when it failed
     * @param rtf        real-time factor, NaN when it failed or the duration is unknown
     * @param edits      word edits
     * @param referenceWords words in the reference
     * @param audioSeconds   duration of the recording
     * @param seconds        processing time
     * @param hypothesis     what the provider heard, or null
     * @param error          the failure message, or null
     */
    public record FileResult(String file, double wer, double rtf, int edits, int referenceWords, double audioSeconds,
                             double seconds, String hypothesis, String error) {
    }

    /** Aggregates per-file results into a report. */
    public static EvalReport of(String provider, List<FileResult> files) {
        int edits = 0;
        int words = 0;
        double audio = 0;
        double processing = 0;
        double werSum = 0;
        int ok = 0;
        int failures = 0;
        for (FileResult f : files) {
            words += f.referenceWords();
            if (f.error() != null) {
                failures++;
                edits += f.referenceWords();
                continue;
            }
            ok++;
            edits += f.edits();
            werSum += f.wer();
            if (f.audioSeconds() > 0) {
                audio += f.audioSeconds();
                processing += f.seconds();
            }
        }
        double wer = words == 0 ? 0 : (double) edits / words;
        double meanWer = ok == 0 ? Double.NaN : werSum / ok;
        double rtf = audio == 0 ? Double.NaN : processing / audio;
        return new EvalReport(provider, wer, meanWer, rtf, files, failures);
    }
}
