package io.debabelizer.select;

import io.debabelizer.ConfigurationException;
import io.debabelizer.ProviderUnavailableException;
import io.debabelizer.UnsupportedCapabilityException;
import io.debabelizer.audio.AudioDecoder;
import io.debabelizer.audio.AudioFormat;
import io.debabelizer.audio.Container;
import io.debabelizer.audio.Encoding;
import io.debabelizer.config.DebabelizerConfig;
import io.debabelizer.config.OptimizeFor;
import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.spi.ProviderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which provider serves a request, and explains why.
 *
 * <p><b>Rules, in order:</b>
 * <ol>
 * <li><b>Explicit</b> (the request's {@code provider()} or the {@code explicit} argument): used if it can serve the
 * need, never replaced. Not installed: {@link ConfigurationException}; not available: {@link
 * ProviderUnavailableException} with the reason; cannot serve the need: {@link UnsupportedCapabilityException}.</li>
 * <li><b>Preferred</b> from configuration ({@code stt_provider} for STT and live STT, {@code tts_provider} for TTS):
 * used if it can serve the need. Not installed: {@link ConfigurationException} (a typo or a missing module should not
 * go unnoticed). Unavailable or unable to serve this need: selection falls back to the next rules and the
 * {@link Selection#reason()} says why the preferred one was passed over.</li>
 * <li><b>Auto</b>, when {@code auto_select} is on: the eligible provider with the highest score for
 * {@code optimize_for} (see below).</li>
 * <li><b>First available</b>: the first eligible provider in the stable order: cloud providers before local engines
 * (a cloud provider is only available once its key is set, so a configured service wins, and with no keys the local
 * engines are the default), then higher quality tier first, then lower typical latency, then by name. For the local
 * engines this yields whisper (when a model is installed) &gt; pocketsphinx &gt; sphinx4, and flite &gt; freetts,
 * straight from their descriptors.</li>
 * </ol>
 *
 * <p><b>Eligibility</b> (hard): the provider is available; it offers the capability (streaming included); it
 * supports the language ({@link ProviderDescriptor#supportsLanguage}); and for STT it takes the input container:
 * natively, or, for batch STT only, after conversion to raw 16-bit PCM when the provider accepts raw PCM and the
 * container is WAV/raw or an installed {@link AudioDecoder} handles it. Live streams must be in a container the
 * provider takes natively. Word timestamps and diarization are soft needs: providers missing them stay eligible
 * (requests say unsupported options are ignored), and they only break ties in auto-selection.
 *
 * <p><b>Scores</b> (0..1, higher wins), normalised over the eligible candidates with min-max scaling:
 * cost = price per audio minute (STT) or per 1M characters (TTS), local engines 0, unknown price scores 0;
 * latency = {@code typicalLatencyMs}; quality = {@link io.debabelizer.spi.QualityTier} (basic 0, standard 0.5,
 * premium 1); balanced = {@value #QUALITY_WEIGHT} quality + {@value #COST_WEIGHT} cost + {@value #LATENCY_WEIGHT}
 * latency. Equal scores are broken by the balanced score, then by more soft needs met, then by the stable order.
 */
public final class ProviderSelector {

    public static final double QUALITY_WEIGHT = 0.4;
    public static final double COST_WEIGHT = 0.3;
    public static final double LATENCY_WEIGHT = 0.3;

    /** Stable order: cloud before local, then better quality, then lower latency, then by name. */
    public static final Comparator<ProviderDescriptor> STABLE_ORDER =
            Comparator.comparing(ProviderDescriptor::local)
                    .thenComparing(d -> -d.quality().rank())
                    .thenComparingInt(ProviderDescriptor::typicalLatencyMs)
                    .thenComparing(ProviderDescriptor::name);

    private final DebabelizerConfig config;
    private final Supplier<List<ProviderStatus>> providers;
    private final Predicate<Container> decodable;

    /** With decoders found by ServiceLoader deciding which compressed containers can be converted to PCM. */
    public ProviderSelector(DebabelizerConfig config, Supplier<List<ProviderStatus>> providers) {
        this(config, providers, ProviderSelector::installedDecoderHandles);
    }

    /** @param decodable whether a compressed container can be decoded to PCM on this class path */
    public ProviderSelector(DebabelizerConfig config, Supplier<List<ProviderStatus>> providers,
                            Predicate<Container> decodable) {
        this.config = Objects.requireNonNull(config, "config");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.decodable = Objects.requireNonNull(decodable, "decodable");
    }

    /** Chooses a provider for {@code need}; {@code explicit} (may be null) is an explicit choice. */
    public Selection select(Need need, String explicit) {
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(need.capability(), "need.capability");
        List<Evaluation> all = providers.get().stream()
                .sorted(Comparator.comparing(ProviderStatus::descriptor, STABLE_ORDER))
                .map(s -> evaluate(s, need)).toList();

        if (explicit != null && !explicit.isBlank()) {
            Evaluation e = find(all, explicit).orElseThrow(() -> new ConfigurationException("unknown provider '"
                    + explicit + "'; installed: " + names(all)));
            if (!e.status.available()) {
                throw new ProviderUnavailableException(e.name() + " is not available: "
                        + e.status.availability().reason(), e.name(), null, null);
            }
            if (!e.eligible) {
                throw new UnsupportedCapabilityException(e.name() + " cannot serve " + describe(need) + ": "
                        + e.verdict, e.name());
            }
            return new Selection(e.name(), Selection.Rule.EXPLICIT, "asked for explicitly", candidates(all));
        }

        String passedOver = "";
        boolean tts = need.capability() == Capability.TTS || need.capability() == Capability.TTS_STREAMING;
        String preferenceKey = tts ? "tts_provider" : "stt_provider";
        Optional<String> preferred = tts ? config.ttsProvider() : config.sttProvider();
        if (preferred.isPresent()) {
            String p = preferred.get();
            String source = config.sourceOf(preferenceKey);
            Evaluation e = find(all, p).orElseThrow(() -> new ConfigurationException("the configured "
                    + preferenceKey + " '" + p + "' (from " + source + ") is not an installed provider; installed: "
                    + names(all)));
            if (e.eligible) {
                return new Selection(e.name(), Selection.Rule.PREFERRED, "configured as " + preferenceKey
                        + " (from " + source + ")", candidates(all));
            }
            passedOver = "preferred " + p + " passed over (" + e.verdict + "); ";
        }

        List<Evaluation> eligible = all.stream().filter(e -> e.eligible).toList();
        if (eligible.isEmpty()) {
            throw noneCanServe(need, all, passedOver);
        }
        if (config.autoSelect()) {
            return autoSelect(need, all, eligible, passedOver);
        }
        Evaluation first = eligible.get(0);
        return new Selection(first.name(), Selection.Rule.FIRST_AVAILABLE, passedOver
                + "first available provider that can serve " + describe(need)
                + " (cloud before local, then quality, latency and name)", candidates(all));
    }

    private Selection autoSelect(Need need, List<Evaluation> all, List<Evaluation> eligible, String passedOver) {
        OptimizeFor strategy = config.optimizeFor();
        Scores scores = new Scores(eligible, need.capability());
        List<Evaluation> ranked = new ArrayList<>(eligible);
        Comparator<Evaluation> byScore = Comparator
                .comparingDouble((Evaluation e) -> scores.score(e, strategy))
                .thenComparingDouble(e -> scores.score(e, OptimizeFor.BALANCED))
                .thenComparingInt(e -> e.softNeedsMet)
                .reversed();
        ranked.sort(byScore.thenComparing(e -> e.status.descriptor(), STABLE_ORDER));
        List<Selection.Candidate> candidates = new ArrayList<>();
        for (Evaluation e : ranked) {
            candidates.add(new Selection.Candidate(e.name(), true, scores.explain(e, strategy) + e.softNotes,
                    scores.score(e, strategy)));
        }
        all.stream().filter(e -> !e.eligible)
                .forEach(e -> candidates.add(new Selection.Candidate(e.name(), false, e.verdict, Double.NaN)));
        Evaluation best = ranked.get(0);
        return new Selection(best.name(), Selection.Rule.AUTO, passedOver + "highest " + strategy.id()
                + " score among " + ranked.size() + " eligible provider" + (ranked.size() == 1 ? "" : "s"),
                candidates);
    }

    private RuntimeException noneCanServe(Need need, List<Evaluation> all, String passedOver) {
        String details = all.isEmpty() ? "no providers are installed"
                : all.stream().map(e -> e.name() + ": " + e.verdict).collect(Collectors.joining("; "));
        boolean anyAvailable = all.stream().anyMatch(e -> e.status.available());
        String message = "no provider can serve " + describe(need) + " (" + passedOver + details + ")";
        return anyAvailable ? new UnsupportedCapabilityException(message, null)
                : new ProviderUnavailableException(message);
    }

    private Evaluation evaluate(ProviderStatus status, Need need) {
        ProviderDescriptor d = status.descriptor();
        String problem = null;
        String note = "";
        if (!status.available()) {
            problem = "unavailable: " + status.availability().reason();
        } else if (!d.supports(need.capability())) {
            problem = "does not offer " + need.capability().id();
        } else if (!d.supportsLanguage(need.language())) {
            problem = "does not support language " + need.language();
        } else if (need.container() != null && isStt(need.capability())
                && !d.inputContainers().contains(need.container())) {
            if (need.capability() == Capability.STT_STREAMING) {
                problem = "does not take " + need.container().id() + " streams";
            } else if (!d.inputContainers().contains(Container.RAW)) {
                problem = "does not take " + need.container().id() + " audio";
            } else if (!convertible(need.container())) {
                problem = "does not take " + need.container().id() + " audio and no installed decoder converts it";
            } else {
                note = "; " + need.container().id() + " converted to PCM";
            }
        }
        int softMet = 0;
        StringBuilder soft = new StringBuilder(note);
        if (need.wordTimestamps()) {
            if (d.wordTimestamps()) {
                softMet++;
            } else {
                soft.append("; no word timestamps");
            }
        }
        if (need.diarization()) {
            if (d.diarization()) {
                softMet++;
            } else {
                soft.append("; no diarization");
            }
        }
        boolean eligible = problem == null;
        String verdict = eligible ? "can serve " + describe(need) + soft : problem;
        return new Evaluation(status, eligible, verdict, soft.toString(), softMet);
    }

    private boolean convertible(Container c) {
        return c == Container.RAW || c == Container.WAV || decodable.test(c);
    }

    private static boolean isStt(Capability c) {
        return c == Capability.STT || c == Capability.STT_STREAMING;
    }

    private static Optional<Evaluation> find(List<Evaluation> all, String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return all.stream().filter(e -> e.name().equals(n)).findFirst();
    }

    private static String names(List<Evaluation> all) {
        return all.isEmpty() ? "none" : all.stream().map(Evaluation::name).collect(Collectors.joining(", "));
    }

    private static List<Selection.Candidate> candidates(List<Evaluation> all) {
        return all.stream().map(e -> new Selection.Candidate(e.name(), e.eligible, e.verdict, Double.NaN)).toList();
    }

    /** "stt, language de, mp3 audio" */
    static String describe(Need need) {
        StringBuilder sb = new StringBuilder(need.capability().id());
        if (need.language() != null) {
            sb.append(", language ").append(need.language());
        }
        if (need.container() != null && isStt(need.capability())) {
            sb.append(", ").append(need.container().id()).append(" audio");
        }
        return sb.toString();
    }

    private static boolean installedDecoderHandles(Container c) {
        try {
            for (AudioDecoder decoder : ServiceLoader.load(AudioDecoder.class)) {
                for (Encoding e : Encoding.values()) {
                    if (decoder.canDecode(AudioFormat.of(c, e))) {
                        return true;
                    }
                }
            }
        } catch (ServiceConfigurationError e) {
            return false;
        }
        return false;
    }

    private record Evaluation(ProviderStatus status, boolean eligible, String verdict, String softNotes,
                              int softNeedsMet) {
        String name() {
            return status.name();
        }
    }

    /** Normalised cost, latency and quality of the eligible candidates. */
    private static final class Scores {
        private final Capability capability;
        private final double minPrice;
        private final double maxPrice;
        private final double minLatency;
        private final double maxLatency;

        Scores(List<Evaluation> eligible, Capability capability) {
            this.capability = capability;
            double[] prices = eligible.stream().mapToDouble(e -> price(e.status.descriptor()))
                    .filter(p -> !Double.isNaN(p)).toArray();
            this.minPrice = java.util.Arrays.stream(prices).min().orElse(0);
            this.maxPrice = java.util.Arrays.stream(prices).max().orElse(0);
            this.minLatency = eligible.stream().mapToInt(e -> e.status.descriptor().typicalLatencyMs()).min()
                    .orElse(0);
            this.maxLatency = eligible.stream().mapToInt(e -> e.status.descriptor().typicalLatencyMs()).max()
                    .orElse(0);
        }

        double price(ProviderDescriptor d) {
            if (d.local()) {
                return 0;
            }
            return isStt(capability) ? d.sttPricePerMinute() : d.ttsPricePerMillionChars();
        }

        double cost(Evaluation e) {
            double p = price(e.status.descriptor());
            return Double.isNaN(p) ? 0 : scaleDown(p, minPrice, maxPrice);
        }

        double latency(Evaluation e) {
            return scaleDown(e.status.descriptor().typicalLatencyMs(), minLatency, maxLatency);
        }

        double quality(Evaluation e) {
            return (e.status.descriptor().quality().rank() - 1) / 2.0;
        }

        double score(Evaluation e, OptimizeFor strategy) {
            return switch (strategy) {
                case COST -> cost(e);
                case LATENCY -> latency(e);
                case QUALITY -> quality(e);
                case BALANCED -> QUALITY_WEIGHT * quality(e) + COST_WEIGHT * cost(e) + LATENCY_WEIGHT * latency(e);
            };
        }

        String explain(Evaluation e, OptimizeFor strategy) {
            ProviderDescriptor d = e.status.descriptor();
            double p = price(d);
            String price = Double.isNaN(p) ? "price unknown" : String.format(Locale.ROOT, "%.4g USD/%s", p,
                    isStt(capability) ? "min" : "1M chars");
            return String.format(Locale.ROOT, "%s score %.3f (%s, latency %d ms, quality %s)", strategy.id(),
                    score(e, strategy), price, d.typicalLatencyMs(), d.quality().name().toLowerCase(Locale.ROOT));
        }

        /** 1 for the lowest value, 0 for the highest, 1 for everyone when all are equal. */
        private static double scaleDown(double v, double min, double max) {
            return max == min ? 1 : (max - v) / (max - min);
        }
    }
}
