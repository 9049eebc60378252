package io.debabelizer.local.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.TestAudio;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.QualityTier;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The streaming machinery (VAD segmentation, interim re-decoding, event order and times) with an engine that
 * reports one word per half second of audio it is given, so the test needs no native library.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalSpeechStreamTest {

    /** Counts its calls and "hears" one word per 0.5 s of input, spread evenly over it. */
    static final class CountingEngine implements SpeechRecognizerEngine {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Recognition recognize(short[] samples) {
            calls.incrementAndGet();
            double seconds = samples.length / 16_000.0;
            List<Word> words = new ArrayList<>();
            for (int i = 0; i < (int) (seconds / 0.5); i++) {
                words.add(new Word("w" + i, i * 0.5, i * 0.5 + 0.4, 0.9));
            }
            return Recognition.ofWords(words, 0.9);
        }

        @Override
        public void close() {
        }
    }

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("fake-local")
            .capabilities(Capability.STT, Capability.STT_STREAMING).quality(QualityTier.BASIC).local(true).build();

    private final CountingEngine engine = new CountingEngine();
    private final LocalSttProvider provider =
            new LocalSttProvider(DESCRIPTOR, engine, "en-US", StreamSettings.DEFAULTS);

    private static byte[] twoUtterances() {
        return Pcm16.toBytes(TestAudio.concat(TestAudio.silence(1), TestAudio.syllables(2.5, 300, 0.3),
                TestAudio.silence(1.5), TestAudio.syllables(1, 300, 0.3), TestAudio.silence(1)));
    }

    @Test
    void segmentsSpeechAndEmitsStartedInterimFinalAndUtteranceEndInOrder() {
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        List<StreamEvent> events = StreamChecks.sendAndCollect(stream, twoUtterances(), 640);

        StreamChecks.assertOrderAndTimes(events);
        assertThat(events.stream().map(e -> e.getClass().getSimpleName()).distinct())
                .containsSubsequence("SpeechStarted", "Interim", "Final", "UtteranceEnd", "Closed");
        List<StreamEvent.Final> finals = events.stream().filter(StreamEvent.Final.class::isInstance)
                .map(StreamEvent.Final.class::cast).toList();
        assertThat(finals).hasSize(2);
        assertThat(finals.get(0).start()).isBetween(0.7, 1.0);
        assertThat(finals.get(0).end()).isBetween(3.5, 3.8);
        assertThat(finals.get(1).start()).isBetween(4.8, 5.0);
        assertThat(finals).allSatisfy(f -> {
            assertThat(f.speechFinal()).isTrue();
            assertThat(f.language()).isEqualTo("en-US");
            assertThat(f.text()).isNotEmpty();
        });
        assertThat(((StreamEvent.Closed) events.getLast()).audioSeconds()).isCloseTo(7.0,
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void convertsOtherRatesAndChannelsWithTheSameTimeline() {
        short[] mono16k = TestAudio.concat(TestAudio.silence(1), TestAudio.syllables(2, 300, 0.3), TestAudio.silence(1));
        // the same audio as 48 kHz stereo: each sample three times, on both channels
        short[] stereo48k = new short[mono16k.length * 6];
        for (int i = 0; i < mono16k.length; i++) {
            for (int k = 0; k < 6; k++) {
                stereo48k[6 * i + k] = mono16k[i];
            }
        }
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(48_000, 2)).build());
        List<StreamEvent> events = StreamChecks.sendAndCollect(stream, Pcm16.toBytes(stereo48k), 3_841);

        StreamChecks.assertOrderAndTimes(events);
        StreamEvent.Final f = events.stream().filter(StreamEvent.Final.class::isInstance)
                .map(StreamEvent.Final.class::cast).findFirst().orElseThrow();
        assertThat(f.start()).isBetween(0.7, 1.0);
        assertThat(f.end()).isBetween(3.0, 3.3);
    }

    @Test
    void finalizeUtteranceClosesTheCurrentSegmentAndEndInputClosesTheLast() throws Exception {
        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1))
                .interimResults(false).build());
        byte[] speech = Pcm16.toBytes(TestAudio.concat(TestAudio.silence(0.5), TestAudio.syllables(1.5, 300, 0.3)));
        stream.send(speech);
        stream.finalizeUtterance();
        stream.send(Pcm16.toBytes(TestAudio.concat(TestAudio.silence(0.5), TestAudio.syllables(1.5, 300, 0.3))));
        stream.endInput();
        List<StreamEvent> events = stream.events().toList();

        StreamChecks.assertOrderAndTimes(events);
        assertThat(events).noneMatch(StreamEvent.Interim.class::isInstance);
        List<StreamEvent.Final> finals = events.stream().filter(StreamEvent.Final.class::isInstance)
                .map(StreamEvent.Final.class::cast).toList();
        assertThat(finals).hasSize(2);
        assertThat(finals.get(0).speechFinal()).isFalse();
        assertThat(finals.get(0).end()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(finals.get(1).end()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void silenceTinyChunksAndNoAudioCompleteCleanly() {
        SpeechStream silent = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        List<StreamEvent> events = StreamChecks.sendAndCollect(silent, Pcm16.toBytes(TestAudio.silence(3)), 3);
        assertThat(events).hasSize(1).first().isInstanceOf(StreamEvent.Closed.class);

        SpeechStream empty = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        empty.endInput();
        assertThat(empty.events().toList()).hasSize(1);

        SpeechStream clipped = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        short[] square = new short[32_000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        StreamChecks.assertOrderAndTimes(StreamChecks.sendAndCollect(clipped, Pcm16.toBytes(square), 320));
        assertThat(engine.calls.get()).isPositive();
    }

    @Test
    void rejectsFormatsItCannotSegmentAndCancelsPromptly() throws Exception {
        // compressed audio cannot be cut into frames as it arrives; telephony µ-law can (it is decoded per chunk)
        assertThatThrownBy(() -> provider.openStream(StreamRequest.builder(AudioFormat.of(
                io.debabelizer.audio.Container.MP3, io.debabelizer.audio.Encoding.MP3)).build()))
                .isInstanceOf(InvalidInputException.class);
        provider.openStream(StreamRequest.builder(AudioFormat.mulaw(8000)).build()).cancel();

        SpeechStream stream = provider.openStream(StreamRequest.builder(AudioFormat.pcm16(16_000, 1)).build());
        stream.send(twoUtterances());
        stream.cancel();
        StreamEvent.Closed closed = stream.completion().get(30, TimeUnit.SECONDS);
        assertThat(closed.reason()).isEqualTo(StreamEvent.CloseReason.CANCELLED);
        assertThat(stream.pollEvent(Duration.ofSeconds(10))).isPresent();
    }
}
