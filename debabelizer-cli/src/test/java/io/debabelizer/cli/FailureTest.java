package io.debabelizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.debabelizer.AuthenticationException;
import io.debabelizer.ConfigurationException;
import io.debabelizer.DebabelizerException;
import io.debabelizer.InvalidInputException;
import io.debabelizer.ProtocolException;
import io.debabelizer.ProviderTimeoutException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.RateLimitedException;
import io.debabelizer.StreamClosedException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.UnsupportedFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void configurationErrorsPointAtTheConfigCommand() {
        Failure f = Failure.of(new ConfigurationException("unknown key 'sst_provider' in /x/debabelizer.toml"));

        assertThat(f.message()).isEqualTo("configuration error: unknown key 'sst_provider' in /x/debabelizer.toml");
        assertThat(f.hint()).contains("debabelizer config");
        assertThat(f.exitCode()).isEqualTo(1);
    }

    @Test
    void authenticationErrorsNameTheKeyToCheckAndTheRequestId() {
        Failure f = Failure.of(new AuthenticationException("invalid credentials", "azure-speech", "r-1", null));

        assertThat(f.message()).isEqualTo("authentication failed: azure-speech: invalid credentials (request id r-1)");
        assertThat(f.hint()).contains("AZURE_SPEECH_API_KEY").contains("providers.azure-speech.api_key");
        assertThat(f.exitCode()).isEqualTo(1);
    }

    @Test
    void rateLimitSaysHowLongToWait() {
        Failure f = Failure.of(new RateLimitedException("slow down", "openai", null, Duration.ofSeconds(30)));

        assertThat(f.message()).isEqualTo("rate limited: openai: slow down (retry after 30 s)");
        assertThat(f.hint()).contains("--provider");
    }

    @Test
    void eachSubtypeGetsItsOwnWording() {
        assertThat(Failure.of(new UnsupportedFormatException("unknown audio format")).message())
                .startsWith("unsupported audio format: ");
        assertThat(Failure.of(new UnsupportedFormatException("x")).hint()).contains("WAV").contains("ffmpeg");
        assertThat(Failure.of(new UnsupportedFormatException("no mp3", "piper", null, null)).hint())
                .contains("debabelizer providers").doesNotContain("ffmpeg");
        assertThat(Failure.of(new UnsupportedCapabilityException("no streaming", "whisper")).message())
                .isEqualTo("not supported: whisper: no streaming");
        assertThat(Failure.of(new InvalidInputException("empty audio")).message())
                .isEqualTo("invalid input: empty audio");
        assertThat(Failure.of(new ProviderTimeoutException("no answer in 30 s")).message()).startsWith("timed out: ");
        assertThat(Failure.of(new ProviderUnavailableException("HTTP 503")).hint()).contains("debabelizer providers");
        assertThat(Failure.of(new ProtocolException("malformed JSON")).hint()).contains("--debug");
        assertThat(Failure.of(new StreamClosedException("closed", "p", null)).message()).startsWith("stream closed: ");
        assertThat(Failure.of(new DebabelizerException("plain")).message()).isEqualTo("plain");
    }

    @Test
    void everyDebabelizerErrorExitsWithOne() {
        for (DebabelizerException e : new DebabelizerException[] {
            new ConfigurationException("a"), new AuthenticationException("b"), new InvalidInputException("c"),
            new ProtocolException("d"), new ProviderTimeoutException("e"), new ProviderUnavailableException("f"),
            new RateLimitedException("g", null, null, null), new UnsupportedFormatException("h")}) {
            assertThat(Failure.of(e).exitCode()).as(e.getClass().getSimpleName()).isEqualTo(ExitCode.FAILURE);
        }
    }

    @Test
    void ioErrorsAreUnwrappedAndNameTheFile() {
        Failure f = Failure.of(new UncheckedIOException(new NoSuchFileException("/tmp/nope.wav")));

        assertThat(f.message()).isEqualTo("file not found: /tmp/nope.wav");
        assertThat(Failure.of(new IOException("disk full")).message()).isEqualTo("I/O error: disk full");
    }

    @Test
    void unexpectedErrorsAreInternalAndSuggestDebug() {
        Failure f = Failure.of(new IllegalStateException("boom"));

        assertThat(f.message()).isEqualTo("internal error: IllegalStateException: boom");
        assertThat(f.hint()).contains("--debug");
        assertThat(f.exitCode()).isEqualTo(1);
    }

    @Test
    void interruptionExitsLikeSigint() {
        assertThat(Failure.of(new InterruptedException()).exitCode()).isEqualTo(130);
    }
}
