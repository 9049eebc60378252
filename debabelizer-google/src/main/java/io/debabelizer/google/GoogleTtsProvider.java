package io.debabelizer.google;

import io.debabelizer.InvalidInputException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.ProtocolException;
import io.debabelizer.audio.AudioData;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Wav;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.audio.Container;
import io.debabelizer.tts.SentenceSplitter;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import io.debabelizer.tts.TextToSpeechStream;
import io.debabelizer.tts.TtsProvider;
import io.debabelizer.tts.Voice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Google Text-to-Speech v1: REST {@code text:synthesize} (text or SSML) and {@code voices}, gRPC
 * {@code StreamingSynthesize} for streaming-capable voices. Provider options:
 * {@code ssml} (treat the text as SSML; text starting with {@code <speak} is SSML anyway), {@code gender}
 * ({@code ssmlGender}: male, female, neutral), {@code effects_profile} (one id or a list, e.g.
 * {@code telephony-class-application}), {@code streaming} ({@code grpc} or {@code rest}: how
 * {@link #synthesizeStream} streams; default gRPC for Chirp 3 HD voices, REST otherwise).
 */
final class GoogleTtsProvider implements TtsProvider {

    static final String SYNTHESIZE = "/v1/text:synthesize";
    static final String VOICES = "/v1/voices";

    private final GoogleSettings settings;
    private final GoogleRest rest;
    private final Set<SynthesisStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams = new AtomicInteger();
    private GrpcChannel ttsChannel;

    GoogleTtsProvider(GoogleSettings settings) {
        this.settings = settings;
        this.rest = new GoogleRest(settings);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return GoogleProviderFactory.DESCRIPTOR;
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", name(), null, null);
        }
        TtsEncoding encoding = TtsEncoding.of(request.outputFormat().orElse(AudioFormat.wav16(
                TtsEncoding.DEFAULT_RATE, 1)));
        String voice = request.voice().orElse(settings.ttsVoice());
        JsonNode response = rest.post(settings.tts(SYNTHESIZE), body(request, encoding, voice));
        String content = response.path("audioContent").asString(null);
        if (content == null) {
            throw new ProtocolException("text:synthesize answered without audioContent", name(), null, null);
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("audioContent is not base64", name(), null, e);
        }
        AudioData data = audioData(audio, encoding);
        return new Synthesis(data, duration(data), voice, name(), null, null, List.of(),
                request.text().length());
    }

    /**
     * Streaming-capable voices (Chirp 3 HD, or option {@code streaming=grpc}) stream over gRPC
     * {@code StreamingSynthesize}: the whole text is one input and the audio arrives as Google makes it. Other voices
     * (and SSML, and formats StreamingSynthesize does not make) are synthesized sentence by sentence over REST, first
     * sentence first; SSML whole. Option {@code streaming=rest} forces the REST path.
     */
    @Override
    public SynthesisStream synthesizeStream(SynthesisRequest request) {
        if (request.text().isBlank()) {
            throw new InvalidInputException("the text is empty", name(), null, null);
        }
        if (!isSsml(request) && wantsGrpc(request)) {
            TtsEncoding encoding = TtsEncoding.of(request.outputFormat().orElse(AudioFormat.wav16(
                    TtsEncoding.DEFAULT_RATE, 1)));
            if (StreamingEncoding.supports(encoding) || forcedGrpc(request)) {
                GrpcSynthesisStream stream = openGrpc(request);
                stream.sendInitial(request.text());
                stream.endInput();
                return stream;
            }
        }
        return synthesizeBySentence(request);
    }

    /**
     * Text-in streaming over gRPC {@code StreamingSynthesize}, for streaming-capable voices (Chirp 3 HD, or option
     * {@code streaming=grpc}): each piece of text is one {@code input} message, {@code endInput()} half-closes.
     * {@code flush()} does nothing: Google speaks what it has as soon as it can.
     */
    @Override
    public TextToSpeechStream openTextStream(SynthesisRequest request) {
        if (isSsml(request)) {
            throw new InvalidInputException("StreamingSynthesize takes plain text, not SSML", name(), null, null);
        }
        if (!wantsGrpc(request)) {
            throw new UnsupportedCapabilityException("text-in streaming needs a voice that Google streams (Chirp 3 HD,"
                    + " e.g. en-US-Chirp3-HD-Aoede) or the option streaming=grpc", name());
        }
        GrpcSynthesisStream stream = openGrpc(request);
        if (!request.text().isEmpty()) {
            stream.sendInitial(request.text());
        }
        return stream;
    }

    private GrpcSynthesisStream openGrpc(SynthesisRequest request) {
        TtsEncoding encoding = TtsEncoding.of(request.outputFormat().orElse(AudioFormat.wav16(
                TtsEncoding.DEFAULT_RATE, 1)));
        StreamingEncoding streaming = StreamingEncoding.of(encoding);
        String voice = request.voice().orElse(settings.ttsVoice());
        Object gender = request.providerOptions().get("gender");
        var config = TtsMessages.configRequest(language(request, voice), voice,
                gender == null ? null : gender.toString().toUpperCase(Locale.ROOT), streaming.audioEncoding(),
                encoding.sampleRate(), request.speed());
        GrpcSynthesisStream stream = new GrpcSynthesisStream(encoding.format(),
                ttsChannel().newCall(TtsMessages.STREAMING_SYNTHESIZE), settings.secrets());
        open.add(stream);
        stream.completion().whenComplete((v, e) -> open.remove(stream));
        return stream.start(config, streaming.wavHeader() ? Wav.header(encoding.format(), -1) : new byte[0]);
    }

    /** Chirp 3 HD voices stream; {@code streaming=grpc} or {@code streaming=rest} decides for any voice. */
    private boolean wantsGrpc(SynthesisRequest request) {
        Object mode = request.providerOptions().get("streaming");
        if (mode != null) {
            String m = mode.toString().toLowerCase(Locale.ROOT);
            if (!m.equals("grpc") && !m.equals("rest")) {
                throw new InvalidInputException("option streaming must be grpc or rest, not " + mode, name(), null,
                        null);
            }
            return m.equals("grpc");
        }
        String voice = request.voice().orElse(settings.ttsVoice());
        return voice != null && voice.toLowerCase(Locale.ROOT).contains("chirp3-hd");
    }

    private static boolean forcedGrpc(SynthesisRequest request) {
        Object mode = request.providerOptions().get("streaming");
        return mode != null && mode.toString().equalsIgnoreCase("grpc");
    }

    private synchronized GrpcChannel ttsChannel() {
        if (ttsChannel == null) {
            ttsChannel = new GrpcChannel(settings, settings.ttsGrpcTarget(), settings.ttsGrpcPlaintext());
        }
        return ttsChannel;
    }

    private SynthesisStream synthesizeBySentence(SynthesisRequest request) {
        TtsEncoding encoding = TtsEncoding.of(request.outputFormat().orElse(AudioFormat.wav16(
                TtsEncoding.DEFAULT_RATE, 1)));
        boolean wav = encoding.format().container() == Container.WAV;
        List<String> sentences = isSsml(request) ? List.of(request.text()) : SentenceSplitter.split(request.text());
        SentenceSynthesisStream stream = new SentenceSynthesisStream(encoding.format(),
                wav ? Wav.header(encoding.format(), -1) : new byte[0], sentences, sentence -> {
                    byte[] audio = synthesize(request.toBuilder().text(sentence).build()).audio().bytes();
                    return wav ? Wav.read(audio).bytes() : audio; // one header for the stream, samples after it
                }, Integer.toString(streams.incrementAndGet()));
        open.add(stream);
        stream.completion().whenComplete((v, e) -> open.remove(stream));
        return stream.start();
    }

    private static boolean isSsml(SynthesisRequest request) {
        return request.isSsml() || RecognitionOptions.bool(request.providerOptions().get("ssml"))
                || request.text().stripLeading().startsWith("<speak");
    }

    static Map<String, Object> body(SynthesisRequest request, TtsEncoding encoding, String voiceName) {
        boolean ssml = isSsml(request);
        Map<String, Object> voice = new LinkedHashMap<>();
        voice.put("languageCode", language(request, voiceName));
        if (voiceName != null) {
            voice.put("name", voiceName);
        }
        Object gender = request.providerOptions().get("gender");
        if (gender != null) {
            voice.put("ssmlGender", gender.toString().toUpperCase(Locale.ROOT));
        }
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("audioEncoding", encoding.audioEncoding());
        if (encoding.sampleRate() > 0) {
            audio.put("sampleRateHertz", encoding.sampleRate());
        }
        if (request.speed() != 1.0) {
            audio.put("speakingRate", request.speed());
        }
        if (request.pitch() != 0) {
            audio.put("pitch", request.pitch());
        }
        if (request.volumeGainDb() != 0) {
            audio.put("volumeGainDb", request.volumeGainDb());
        }
        List<String> effects = RecognitionOptions.strings(request.providerOptions().get("effects_profile"));
        if (!effects.isEmpty()) {
            audio.put("effectsProfileId", effects);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", Map.of(ssml ? "ssml" : "text", request.text()));
        body.put("voice", voice);
        body.put("audioConfig", audio);
        return body;
    }

    /** The request's language, else the one a voice name starts with ({@code en-US-Neural2-F}), else en-US. */
    private static String language(SynthesisRequest request, String voiceName) {
        if (request.language().isPresent()) {
            return request.language().get();
        }
        if (voiceName != null) {
            String[] parts = voiceName.split("-");
            if (parts.length >= 3) {
                return parts[0] + "-" + parts[1];
            }
        }
        return GoogleSettings.DEFAULT_LANGUAGE;
    }

    /** The audio as asked for: WAV as Google sent it (its header has the real rate), G.711 unwrapped if raw. */
    private AudioData audioData(byte[] audio, TtsEncoding encoding) {
        AudioFormat f = encoding.format();
        if (encoding.stripWavHeader() || f.container() == Container.WAV) {
            AudioData samples;
            try {
                samples = Wav.read(audio);
            } catch (RuntimeException e) {
                throw new ProtocolException("Google's " + encoding.audioEncoding() + " audio is not a WAV file", name(),
                        null, e);
            }
            if (encoding.stripWavHeader()) {
                return samples;
            }
            return AudioData.of(samples.format().withContainer(Container.WAV), audio);
        }
        return AudioData.of(f, audio);
    }

    private static double duration(AudioData data) {
        AudioFormat f = data.format();
        if (!f.isUncompressed() || f.bytesPerSecond() <= 0) {
            return -1;
        }
        int header = f.container() == Container.WAV ? 44 : 0;
        return Math.max(0, data.size() - header) / (double) f.bytesPerSecond();
    }

    /** {@code GET /v1/voices}, filtered by {@code google.voices_language} when set. */
    @Override
    public List<Voice> voices() {
        String query = settings.voicesLanguage() == null ? ""
                : "?languageCode=" + URLEncoder.encode(settings.voicesLanguage(), StandardCharsets.UTF_8);
        JsonNode response = rest.get(settings.tts(VOICES + query));
        JsonNode list = response.path("voices");
        if (!list.isArray() && !response.isEmpty()) {
            throw new ProtocolException("the voice list has no 'voices' array", name(), null, null);
        }
        List<Voice> voices = new ArrayList<>();
        for (JsonNode v : list) {
            String id = v.path("name").asString(null);
            if (id == null || id.isBlank()) {
                throw new ProtocolException("a voice without a name", name(), null, null);
            }
            List<String> languages = new ArrayList<>();
            v.path("languageCodes").forEach(l -> languages.add(l.asString()));
            Map<String, String> attributes = new LinkedHashMap<>();
            if (v.has("naturalSampleRateHertz")) {
                attributes.put("natural_sample_rate_hertz", v.path("naturalSampleRateHertz").asString());
            }
            voices.add(new Voice(id, id, languages, Voice.Gender.parse(v.path("ssmlGender").asString(null)), null,
                    name(), attributes));
        }
        return voices;
    }

    @Override
    public void close() {
        for (SynthesisStream s : List.copyOf(open)) {
            s.cancel();
        }
        synchronized (this) {
            if (ttsChannel != null) {
                ttsChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "GoogleTtsProvider[" + settings + "]";
    }
}
