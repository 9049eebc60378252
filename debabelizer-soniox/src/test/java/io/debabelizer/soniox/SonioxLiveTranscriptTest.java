package io.debabelizer.soniox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.ProtocolException;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.Word;
import io.debabelizer.testkit.fake.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token responses to events: word assembly, interim vs final, markers, speakers and languages. */
class SonioxLiveTranscriptTest {

    private static SonioxToken tok(String text, long start, long end, boolean fin) {
        return new SonioxToken(text, start, end, 0.9, fin, null, null, false, null);
    }

    private static SonioxToken tok(String text, long start, long end, boolean fin, String speaker, String language) {
        return new SonioxToken(text, start, end, 0.8, fin, speaker, language, false, null);
    }

    private static SonioxToken marker(String text) {
        return new SonioxToken(text, 0, 0, Double.NaN, true, null, null, false, null);
    }

    @Test
    void subWordPiecesAndPunctuationJoinIntoWords() {
        List<SonioxWords.LanguageWord> words = SonioxWords.words(List.of(
                new SonioxToken("Hel", 10, 90, 0.9, true, "1", "en", false, null),
                new SonioxToken("lo", 110, 160, 0.7, true, "1", "en", false, null),
                new SonioxToken(" wor", 200, 260, 1.0, true, "2", "en", false, null),
                new SonioxToken("ld", 260, 300, 1.0, true, "2", "en", false, null),
                new SonioxToken(",", 300, 300, 1.0, true, "2", "en", false, null)));

        assertThat(words).extracting(w -> w.word().punctuated()).containsExactly("Hello", "world,");
        Word hello = words.getFirst().word();
        assertThat(hello.word()).isEqualTo("Hello");
        assertThat(hello.start()).isEqualTo(0.010);
        assertThat(hello.end()).isEqualTo(0.160);
        assertThat(hello.confidence()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hello.speaker()).isEqualTo("1");
        Word world = words.get(1).word();
        assertThat(world.word()).as("lexical form without punctuation").isEqualTo("world");
        assertThat(world.speaker()).isEqualTo("2");
        assertThat(world.end()).isEqualTo(0.300);
    }

    @Test
    void translationsAudioEventsAndMarkersAreNotWords() {
        List<SonioxWords.LanguageWord> words = SonioxWords.words(List.of(
                tok("Hi", 0, 100, true),
                new SonioxToken(" Hola", 0, 0, Double.NaN, true, null, "es", false, "translation"),
                new SonioxToken(" [music]", 100, 900, 0.9, true, null, null, true, null),
                marker("<end>"),
                tok(" there", 1000, 1200, true)));
        assertThat(words).extracting(w -> w.word().punctuated()).containsExactly("Hi", "there");
    }

    @Test
    void finalTokensBecomeFinalsOnlyOnceTheirWordIsComplete() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(true);
        // "yo" is final but its word goes on in the non-final "u": hold it back.
        List<StreamEvent> first = t.onResponse(List.of(tok("How", 0, 100, true), tok(" are", 120, 200, true),
                tok(" yo", 220, 260, true), tok("u", 260, 300, false)), false);
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).isInstanceOfSatisfying(StreamEvent.Final.class, f -> {
            assertThat(f.text()).isEqualTo("How are");
            assertThat(f.speechFinal()).isFalse();
            assertThat(f.start()).isEqualTo(0.0);
            assertThat(f.end()).isEqualTo(0.2);
        });
        assertThat(first.get(1)).isInstanceOfSatisfying(StreamEvent.Interim.class, i -> {
            assertThat(i.text()).isEqualTo("you");
            assertThat(i.stability()).isBetween(0.5, 1.0);
        });

        List<StreamEvent> second = t.onResponse(List.of(tok("u", 260, 300, true), tok("?", 300, 310, true),
                tok(" Fine", 500, 600, false)), false);
        assertThat(second.get(0)).isInstanceOfSatisfying(StreamEvent.Final.class,
                f -> assertThat(f.words()).extracting(Word::punctuated, Word::word).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("you?", "you")));
        assertThat(second.get(1)).isInstanceOfSatisfying(StreamEvent.Interim.class,
                i -> assertThat(i.text()).isEqualTo("Fine"));
    }

    @Test
    void aFinalWordWithNothingAfterItWaitsForTheNextResponse() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(false);
        assertThat(t.onResponse(List.of(tok("Hello", 0, 100, true)), false)).isEmpty();
        List<StreamEvent> next = t.onResponse(List.of(tok(" there", 200, 300, false)), false);
        assertThat(next).singleElement().isInstanceOfSatisfying(StreamEvent.Final.class,
                f -> assertThat(f.text()).isEqualTo("Hello"));
    }

    @Test
    void interimsRepeatNothingAndAreLeftOutWhenNotWanted() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(true);
        assertThat(t.onResponse(List.of(tok("How", 0, 100, false)), false)).hasSize(1);
        assertThat(t.onResponse(List.of(tok("How", 0, 100, false)), false)).as("same tail again").isEmpty();
        assertThat(t.onResponse(List.of(tok("How", 0, 100, false), tok(" are", 100, 200, false)), false))
                .singleElement().isInstanceOfSatisfying(StreamEvent.Interim.class,
                        i -> assertThat(i.text()).isEqualTo("How are"));

        SonioxLiveTranscript quiet = new SonioxLiveTranscript(false);
        assertThat(quiet.onResponse(List.of(tok("How", 0, 100, false)), false)).isEmpty();
    }

    @Test
    void endpointFlushesASpeechFinalThenUtteranceEnd() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(true);
        List<StreamEvent> events = t.onResponse(List.of(tok("Good", 0, 200, true), tok("bye", 200, 400, true),
                tok(".", 400, 400, true), marker("<end>"), tok(" Next", 900, 1000, false)), false);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(StreamEvent.Final.class, f -> {
            assertThat(f.text()).isEqualTo("Goodbye.");
            assertThat(f.speechFinal()).isTrue();
        });
        assertThat(events.get(1)).isEqualTo(new StreamEvent.UtteranceEnd(0.4));
        assertThat(events.get(2)).isInstanceOf(StreamEvent.Interim.class);
    }

    @Test
    void endpointAfterWordsAlreadyFinalGivesAnEmptySpeechFinal() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(false);
        t.onResponse(List.of(tok("Yes", 0, 300, true), tok(" and", 400, 500, false)), false);
        List<StreamEvent> events = t.onResponse(List.of(marker("<end>")), false);
        assertThat(events).containsExactly(new StreamEvent.Final("", List.of(), 0.3, 0.3, Double.NaN, true, null),
                new StreamEvent.UtteranceEnd(0.3));
    }

    @Test
    void finMarkerFlushesAnOrdinaryFinal() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(false);
        List<StreamEvent> events = t.onResponse(List.of(tok("Stop", 0, 300, true), marker("<fin>")), false);
        assertThat(events).singleElement().isInstanceOfSatisfying(StreamEvent.Final.class, f -> {
            assertThat(f.text()).isEqualTo("Stop");
            assertThat(f.speechFinal()).isFalse();
        });
        assertThat(t.onResponse(List.of(marker("<fin>")), false)).as("nothing pending, nothing to say").isEmpty();
    }

    @Test
    void finishedFlushesWhatIsHeld() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(false);
        t.onResponse(List.of(tok("Last", 0, 300, true)), false);
        assertThat(t.onResponse(List.of(), true)).singleElement().isInstanceOfSatisfying(StreamEvent.Final.class,
                f -> assertThat(f.text()).isEqualTo("Last"));
    }

    @Test
    void aLanguageChangeSplitsFinalsAndSpeakersStayOnWords() {
        SonioxLiveTranscript t = new SonioxLiveTranscript(false);
        List<StreamEvent> events = t.onResponse(List.of(tok("Hello", 0, 300, true, "1", "en"),
                tok(" amigo", 300, 600, true, "2", "es"), tok(" mío", 600, 900, true, "2", "es"),
                marker("<fin>")), false);
        assertThat(events).hasSize(2);
        StreamEvent.Final en = (StreamEvent.Final) events.get(0);
        StreamEvent.Final es = (StreamEvent.Final) events.get(1);
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.words()).extracting(Word::speaker).containsExactly("1");
        assertThat(es.language()).isEqualTo("es");
        assertThat(es.text()).isEqualTo("amigo mío");
        assertThat(es.words()).extracting(Word::speaker).containsExactly("2", "2");
    }

    @Test
    void malformedTokensAreProtocolErrors() {
        assertThatThrownBy(() -> SonioxToken.parseAll(Json.parse("[{\"start_ms\":1}]"), false, "soniox"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> SonioxToken.parseAll(Json.parse("{\"text\":\"x\"}"), false, "soniox"))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> SonioxToken.parseAll(Json.parse("[{\"text\":\"x\",\"start_ms\":50,\"end_ms\":10}]"),
                false, "soniox")).isInstanceOf(ProtocolException.class);
        assertThat(SonioxToken.parseAll(Json.parse(
                "[{\"text\":\" a\",\"start_ms\":1,\"end_ms\":2,\"confidence\":0.5,\"is_final\":true,"
                        + "\"speaker\":\"3\",\"language\":\"de\"}]"), false, "soniox"))
                .containsExactly(new SonioxToken(" a", 1, 2, 0.5, true, "3", "de", false, null));
    }
}
