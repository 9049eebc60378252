package io.debabelizer.local.sphinx4;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import edu.cmu.sphinx.result.WordResult;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.local.Pcm16;
import io.debabelizer.local.stt.Recognition;
import io.debabelizer.local.stt.SpeechRecognizerEngine;
import io.debabelizer.local.stt.WordFilter;
import io.debabelizer.stt.Word;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure-Java Sphinx4 recogniser with the US-English model from {@code sphinx4-data}. Loading the model takes
 * seconds and a recogniser handles one stream at a time, so one recogniser is created on first use and calls are
 * serialised (Sphinx4 is the slow last resort; parallelism would not rescue it).
 */
public final class Sphinx4Engine implements SpeechRecognizerEngine {

    static final String PROVIDER = "sphinx4";
    private static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/";

    private StreamSpeechRecognizer recognizer;

    @Override
    public synchronized Recognition recognize(short[] samples16kMono) {
        StreamSpeechRecognizer r = recognizer();
        // the first recognition allocates the model's components, each with a fresh logger at INFO
        Sphinx4Logging.quietly(() -> {
            r.startRecognition(new ByteArrayInputStream(Pcm16.toBytes(Dither.apply(samples16kMono))));
            return null;
        });
        try {
            List<Word> words = new ArrayList<>();
            SpeechResult result;
            while ((result = r.getResult()) != null) {
                for (WordResult w : result.getWords()) {
                    String word = w.isFiller() ? null : WordFilter.spokenWord(w.getWord().getSpelling());
                    if (word != null) {
                        double start = w.getTimeFrame().getStart() / 1000.0;
                        double end = Math.max(start, w.getTimeFrame().getEnd() / 1000.0);
                        words.add(new Word(word, start, end, confidence(w.getConfidence())));
                    }
                }
            }
            return Recognition.ofWords(words, Double.NaN);
        } finally {
            r.stopRecognition();
        }
    }

    private static double confidence(double c) {
        return Double.isFinite(c) && c >= 0 && c <= 1 ? c : Double.NaN;
    }

    private StreamSpeechRecognizer recognizer() {
        if (recognizer == null) {
            Configuration c = new Configuration();
            c.setAcousticModelPath(MODEL + "en-us");
            c.setDictionaryPath(MODEL + "cmudict-en-us.dict");
            c.setLanguageModelPath(MODEL + "en-us.lm.bin");
            c.setSampleRate(Pcm16.ENGINE_RATE);
            recognizer = Sphinx4Logging.quietly(() -> {
                try {
                    return new StreamSpeechRecognizer(c);
                } catch (IOException | RuntimeException e) {
                    throw new ProviderUnavailableException("sphinx4 could not load its model: " + e, PROVIDER, null,
                            e);
                }
            });
        }
        return recognizer;
    }

    @Override
    public synchronized void close() {
        recognizer = null; // pure Java: the garbage collector frees the model
    }
}
