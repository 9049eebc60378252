package io.debabelizer.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.cli.Progress;
import io.debabelizer.stt.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamPrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private StreamPrinter printer(boolean terminal, StreamPrinter.Options options) {
        Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, terminal);
        return new StreamPrinter(progress, options);
    }

    private static final List<StreamEvent> EVENTS = List.of(
            new StreamEvent.SpeechStarted(0.1),
            new StreamEvent.Interim("hello", List.of(), 0.1, 0.5, 0.5),
            new StreamEvent.Final("Hello there.", List.of(), 0.1, 0.9, 0.9, true, "en"),
            new StreamEvent.UtteranceEnd(0.9),
            new StreamEvent.Interim("bye", List.of(), 1.0, 1.3, 0.5),
            new StreamEvent.Final("Bye.", List.of(), 1.0, 1.4, 0.9, true, "en"),
            new StreamEvent.Closed(StreamEvent.CloseReason.COMPLETED, 1.5));

    private boolean feed(StreamPrinter printer, List<StreamEvent> events) {
        boolean open = true;
        for (StreamEvent e : events) {
            open = printer.accept(e);
        }
        return open;
    }

    @Test
    void textModePrintsFinalResultsOnly() {
        StreamPrinter printer = printer(false, new StreamPrinter.Options(false, false, false));

        assertThat(feed(printer, EVENTS)).isFalse();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello there.\nBye.\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(printer.closed().reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
        assertThat(printer.finals()).isEqualTo(2);
    }

    @Test
    void interimLinesWhenAskedAndNoTerminal() {
        StreamPrinter printer = printer(false, new StreamPrinter.Options(false, true, true));

        feed(printer, EVENTS);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("interim: hello\n[0.10-0.90] Hello there.\ninterim: bye\n[1.00-1.40] Bye.\n");
    }

    @Test
    void onATerminalInterimsRewriteTheStatusLineOnStderr() {
        StreamPrinter printer = printer(true, new StreamPrinter.Options(false, false, true));

        feed(printer, EVENTS);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello there.\nBye.\n");
        String status = err.toString(StandardCharsets.UTF_8);
        assertThat(status).contains("\r\033[K").contains("hello").contains("bye");
        assertThat(status).endsWith("\r\033[K");  // cleared when the stream closed
    }

    @Test
    void jsonModePrintsEveryEventAsOneLine() {
        StreamPrinter printer = printer(false, new StreamPrinter.Options(true, false, false));

        feed(printer, EVENTS);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(EVENTS.size());
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"type\":\""));
        assertThat(lines.getFirst()).contains("\"speech_started\"");
        assertThat(lines.getLast()).contains("\"closed\"").contains("\"completed\"");
    }

    @Test
    void rememberstheFatalErrorAndWarnsAboutOthers() {
        StreamPrinter printer = printer(false, new StreamPrinter.Options(false, false, false));

        feed(printer, List.of(
                new StreamEvent.Error(new ProviderUnavailableException("reconnecting", "p", null, null), false),
                new StreamEvent.Error(new ProviderUnavailableException("gone", "p", null, null), true),
                new StreamEvent.Closed(StreamEvent.CloseReason.FAILED, 0.5)));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("debabelizer: warning: p: reconnecting\n");
        assertThat(printer.fatalError()).hasMessage("p: gone");
        assertThat(printer.closed().reason()).isEqualTo(StreamEvent.CloseReason.FAILED);
    }
}
