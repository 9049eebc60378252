package io.debabelizer.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitleWriterTest {

    @Test
    void timestampsUseCommaForSrtAndDotForVtt() {
        assertThat(SubtitleWriter.timestamp(1.234, ',')).isEqualTo("00:00:01,234");
        assertThat(SubtitleWriter.timestamp(1.234, '.')).isEqualTo("00:00:01.234");
    }

    @Test
    void timestampsCarryIntoMinutesAndHoursAndRoundToMilliseconds() {
        assertThat(SubtitleWriter.timestamp(3723.0456, ',')).isEqualTo("01:02:03,046");
        assertThat(SubtitleWriter.timestamp(59.9996, '.')).isEqualTo("00:01:00.000");
        assertThat(SubtitleWriter.timestamp(0.1 + 0.2, '.')).isEqualTo("00:00:00.300");
        assertThat(SubtitleWriter.timestamp(-0.5, ',')).isEqualTo("00:00:00,000");
        assertThat(SubtitleWriter.timestamp(100 * 3600.0, ',')).isEqualTo("100:00:00,000");
    }

    @Test
    void srtNumbersCuesAndSeparatesThemWithBlankLines() {
        String srt = SubtitleWriter.srt(List.of(new Cue(0.5, 1.75, "Hello there.", null),
                new Cue(2, 3.001, "Bye.", "1")));

        assertThat(srt).isEqualTo("""
                1
                00:00:00,500 --> 00:00:01,750
                Hello there.

                2
                00:00:02,000 --> 00:00:03,001
                [1] Bye.

                """);
    }

    @Test
    void vttStartsWithHeaderAndEscapesMarkup() {
        String vtt = SubtitleWriter.vtt(List.of(new Cue(0.5, 1.75, "Tom & Jerry <3 -->", null),
                new Cue(2, 3, "Bye.", "Ann")));

        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.500 --> 00:00:01.750
                Tom &amp; Jerry &lt;3 --&gt;

                00:00:02.000 --> 00:00:03.000
                <v Ann>Bye.

                """);
    }

    @Test
    void emptyVttIsStillValid() {
        assertThat(SubtitleWriter.vtt(List.of())).isEqualTo("WEBVTT\n\n");
        assertThat(SubtitleWriter.srt(List.of())).isEmpty();
    }
}
