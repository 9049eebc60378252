package io.debabelizer.cli.format;

import io.debabelizer.cli.eval.EvalReport;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders evaluation reports as a table for people or a stable JSON array for scripts. */
public final class EvalWriter {

    /** How `debabelizer eval` prints. */
    public enum Format {
        TABLE, JSON;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private EvalWriter() {
    }

    public static String render(List<EvalReport> reports, Format format) {
        return format == Format.JSON ? json(reports) : table(reports);
    }

    private static String table(List<EvalReport> reports) {
        StringBuilder out = new StringBuilder();
        for (EvalReport r : reports) {
            Table files = new Table("FILE", "WER", "RTF", "RESULT");
            for (EvalReport.FileResult f : r.files()) {
                files.row(f.file(), percent(f.wer()), ratio(f.rtf()), f.error() == null ? "ok" : "failed: " + f.error());
            }
            out.append(r.provider()).append(System.lineSeparator()).append(files.render());
        }
        Table summary = new Table("PROVIDER", "WER", "MEAN WER", "RTF", "FILES", "FAILURES");
        for (EvalReport r : reports) {
            summary.row(r.provider(), percent(r.wer()), percent(r.meanWer()), ratio(r.rtf()),
                    Integer.toString(r.files().size()), Integer.toString(r.failures()));
        }
        return out.append(System.lineSeparator()).append(summary.render()).toString();
    }

    private static String json(List<EvalReport> reports) {
        ArrayNode array = Json.array();
        for (EvalReport r : reports) {
            ObjectNode node = array.addObject();
            node.put("provider", r.provider());
            Json.putNumber(node, "wer", r.wer());
            Json.putNumber(node, "mean_wer", r.meanWer());
            Json.putNumber(node, "rtf", r.rtf());
            node.put("failures", r.failures());
            ArrayNode files = node.putArray("files");
            for (EvalReport.FileResult f : r.files()) {
                ObjectNode file = files.addObject();
                file.put("file", f.file());
                Json.putNumber(file, "wer", f.wer());
                Json.putNumber(file, "rtf", f.rtf());
                Json.putNumber(file, "audio_seconds", f.audioSeconds());
                Json.putNumber(file, "seconds", f.seconds());
                file.put("edits", f.edits());
                file.put("reference_words", f.referenceWords());
                file.put("hypothesis", f.hypothesis());
                file.put("error", f.error());
            }
        }
        return Json.pretty(array) + System.lineSeparator();
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String ratio(double rtf) {
        return Double.isNaN(rtf) ? "-" : String.format(Locale.ROOT, "%.3f", rtf);
    }
}
