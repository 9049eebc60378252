package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.select.Need;
import io.debabelizer.spi.Capability;
import io.debabelizer.tts.Synthesis;
import io.debabelizer.tts.SynthesisRequest;
import io.debabelizer.tts.SynthesisStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "synthesize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Speak TEXT into an audio file.")
final class SynthesizeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SynthesizeCommand.class);

    @ParentCommand
    private DebabelizerCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT", description = "What to say; '-' reads it from stdin.")
    String text;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Audio file to write (replaced atomically); '-' writes the audio to stdout.")
    String output;

    @Option(names = "--voice", paramLabel = "VOICE", description = "Voice id (see 'debabelizer voices').")
    String voice;

    @Option(names = "--provider", paramLabel = "NAME", description = "Provider to use.")
    String provider;

    @Option(names = "--language", paramLabel = "TAG", description = "BCP-47 language, e.g. en-US.")
    String language;

    @Option(names = "--model", paramLabel = "MODEL", description = "Provider model.")
    String model;

    @Option(names = "--speed", paramLabel = "RATE", description = "Speaking rate, 1.0 is normal.")
    Double speed;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES} (default: from the FILE extension, else wav).")
    SynthesisFormat format;

    @Option(names = "--ssml", description = "TEXT is SSML markup.")
    boolean ssml;

    @Option(names = "--stream", description = "Write audio as it arrives (with -o - and --format pcm, pipe it into a "
            + "player); reports the time to first audio.")
    boolean stream;

    @Override
    public Integer call() throws Exception {
        String input = "-".equals(text) ? Inputs.text(root.io().in()) : text;
        input = input.strip();
        if (input.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to synthesize: TEXT is empty");
        }
        if (speed != null && !(speed > 0 && speed <= 10)) {
            throw new ParameterException(spec.commandLine(), "--speed must be above 0 and at most 10, not " + speed);
        }
        boolean toStdout = "-".equals(output);
        Path file = toStdout ? null : Path.of(output);
        SynthesisFormat chosenFormat = SynthesisFormat.resolve(format, file);
        SynthesisRequest.Builder builder = ssml ? SynthesisRequest.ssml(input) : SynthesisRequest.builder(input);
        builder.provider(provider).voice(voice).language(language).model(model)
                .outputFormat(chosenFormat.audioFormat());
        if (speed != null) {
            builder.speed(speed);
        }
        SynthesisRequest request = builder.build();
        Progress progress = root.progress();
        try (VoiceProcessor processor = root.processor()) {
            if (!progress.quiet()) {
                String chosen = provider != null ? provider
                        : processor.select(new Need(Capability.TTS, language, null, false, false), null).provider();
                progress.info("synthesizing " + input.length() + " characters with " + chosen + "…");
                if (provider == null) {
                    EngineAdvice.forTts(chosen, processor.providers()).ifPresent(a -> progress.info("hint: " + a));
                }
            }
            log.debug("{}", request);
            if (stream) {
                return streamed(processor, request, chosenFormat, file, progress);
            }
            Synthesis synthesis = processor.synthesize(request);
            byte[] audio = synthesis.audio().bytes();
            if (toStdout) {
                root.io().out().write(audio);
                root.io().out().flush();
            } else {
                AtomicFiles.write(file, audio);
            }
            if (synthesis.format().container() != chosenFormat.audioFormat().container()) {
                progress.warn(synthesis.provider() + " returned " + synthesis.format() + " instead of " + chosenFormat);
            }
            progress.info(summary(toStdout ? "stdout" : file.toString(), synthesis));
        }
        return ExitCode.OK;
    }

    private int streamed(VoiceProcessor processor, SynthesisRequest request, SynthesisFormat chosenFormat, Path file,
                         Progress progress) throws Exception {
        try (SynthesisStream audio = processor.synthesizeStream(request)) {
            StreamedSynthesisWriter.Written written = file == null
                    ? StreamedSynthesisWriter.toStream(audio, root.io().out())
                    : StreamedSynthesisWriter.toFile(audio, file, chosenFormat == SynthesisFormat.WAV);
            String firstAudio = audio.timeToFirstAudio()
                    .map(d -> String.format(Locale.ROOT, ", first audio after %d ms", d.toMillis())).orElse("");
            progress.info(String.format(Locale.ROOT, "wrote %s: %s, %.1f kB%s (%s, streamed)",
                    file == null ? "stdout" : file.toString(), written.format(), written.bytes() / 1000.0, firstAudio,
                    audio.provider()));
        }
        return ExitCode.OK;
    }

    static String summary(String target, Synthesis s) {
        StringBuilder sb = new StringBuilder("wrote ").append(target).append(": ").append(s.format());
        if (s.durationSeconds() >= 0) {
            sb.append(String.format(Locale.ROOT, ", %.2f s", s.durationSeconds()));
        }
        sb.append(String.format(Locale.ROOT, ", %.1f kB", s.sizeBytes() / 1000.0));
        if (s.voice() != null) {
            sb.append(", voice ").append(s.voice());
        }
        return sb.append(" (").append(s.provider()).append(')').toString();
    }
}
