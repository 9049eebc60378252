package io.debabelizer.soniox;

import io.debabelizer.InvalidInputException;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.config.Durations;
import io.debabelizer.stt.StreamRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first message of a real-time session: the JSON configuration. The API key is not in it: it goes in the
 * upgrade's {@code Authorization} header, as Soniox asks since the config-message key was deprecated.
 *
 * <p>From the request: model, {@code audio_format} (+ {@code sample_rate}, {@code num_channels} for raw audio),
 * {@code language_hints} from the language (BCP-47 reduced to ISO 639-1), language identification when no
 * language is given, speaker diarization, endpoint detection (on; {@code max_endpoint_delay_ms} from
 * {@link StreamRequest#endpointing()}), {@code client_reference_id} (the stream's session id). Provider options
 * are Soniox config fields and win over these ({@code context}, {@code language_hints_strict}, {@code translation},
 * {@code endpoint_sensitivity}, ...), except {@link #OURS}.
 */
final class SonioxStreamConfig {

    /** Provider option: silence after which a keepalive is sent (Duration, milliseconds, or "10s"). */
    static final String KEEPALIVE_OPTION = "keepalive_interval";
    static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(10);
    /** Options this module reads itself (live and batch); they never go to Soniox. */
    static final Set<String> OURS = Set.of(KEEPALIVE_OPTION, SonioxBatch.KEEP_FILES_OPTION);

    private SonioxStreamConfig() {
    }

    static String json(StreamRequest request, String defaultModel, String sessionId, String provider) {
        AudioFormat f = request.format();
        ObjectNode c = SonioxJson.MAPPER.createObjectNode();
        c.put("model", request.model().orElse(defaultModel));
        c.put("audio_format", SonioxAudioFormats.of(f, provider));
        if (SonioxAudioFormats.isRaw(f)) {
            c.put("sample_rate", f.sampleRate());
            c.put("num_channels", f.channels());
        }
        if (request.language().isPresent()) {
            c.putArray("language_hints").add(SonioxLanguages.toHint(request.language().get(), provider));
        } else {
            c.put("enable_language_identification", true);
        }
        c.put("enable_speaker_diarization", request.diarize());
        c.put("enable_endpoint_detection", true);
        request.endpointing().ifPresent(d -> c.put("max_endpoint_delay_ms",
                Math.clamp(d.toMillis(), 500, 3000)));
        c.put("client_reference_id", sessionId);
        for (Map.Entry<String, Object> o : request.providerOptions().entrySet()) {
            if (OURS.contains(o.getKey())) {
                continue;
            }
            if (o.getKey().equals("language_hints")) {
                c.set("language_hints", hints(o.getValue(), provider));
            } else {
                c.set(o.getKey(), SonioxJson.MAPPER.valueToTree(o.getValue()));
            }
        }
        return SonioxJson.MAPPER.writeValueAsString(c);
    }

    /** A list (or comma-separated string) of BCP-47 tags as Soniox hints. */
    static ArrayNode hints(Object value, String provider) {
        List<String> tags = new ArrayList<>();
        if (value instanceof Iterable<?> it) {
            it.forEach(v -> tags.add(String.valueOf(v)));
        } else {
            for (String s : String.valueOf(value).split(",")) {
                if (!s.isBlank()) {
                    tags.add(s.strip());
                }
            }
        }
        ArrayNode a = SonioxJson.MAPPER.createArrayNode();
        tags.stream().map(t -> SonioxLanguages.toHint(t, provider)).distinct().forEach(a::add);
        return a;
    }

    /** The keepalive interval from the provider options, or the default. */
    static Duration keepAlive(StreamRequest request, String provider) {
        Object v = request.providerOptions().get(KEEPALIVE_OPTION);
        Duration d = switch (v) {
            case null -> DEFAULT_KEEPALIVE;
            case Duration duration -> duration;
            case Number ms -> Duration.ofMillis(ms.longValue());
            default -> Durations.parse(String.valueOf(v), () -> new InvalidInputException(
                    KEEPALIVE_OPTION + " '" + v + "' is not a duration", provider, null, null));
        };
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofSeconds(20)) >= 0) {
            throw new InvalidInputException(KEEPALIVE_OPTION + " must be above 0 and below Soniox's 20 s idle "
                    + "limit, got " + d, provider, null, null);
        }
        return d;
    }
}
