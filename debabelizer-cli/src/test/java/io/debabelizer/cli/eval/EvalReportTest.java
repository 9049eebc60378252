package io.debabelizer.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    @Test
    void corpusWerCountsFailedFilesAsFullyDeletedAndMeanCoversSuccessesOnly() {
        var ok = new EvalReport.FileResult("a.wav", 0.25, 0.5, 1, 4, 10, 5, "x", null);
        var perfect = new EvalReport.FileResult("b.wav", 0.0, 0.1, 0, 6, 10, 1, "y", null);
        var failed = new EvalReport.FileResult("c.wav", Double.NaN, Double.NaN, 10, 10, 5, 0.1, null, "boom");
        EvalReport r = EvalReport.of("p", List.of(ok, perfect, failed));
        assertThat(r.wer()).isCloseTo((1 + 0 + 10) / 20.0, within(1e-9));
        assertThat(r.meanWer()).isCloseTo(0.125, within(1e-9));
        assertThat(r.rtf()).isCloseTo(6 / 20.0, within(1e-9));
        assertThat(r.failures()).isEqualTo(1);
    }
}
