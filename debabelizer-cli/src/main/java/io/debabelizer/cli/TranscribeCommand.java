package io.debabelizer.cli;

import io.debabelizer.VoiceProcessor;
import io.debabelizer.audio.AudioData;
import io.debabelizer.cli.format.TranscriptFormat;
import io.debabelizer.cli.format.TranscriptWriter;
import io.debabelizer.select.Need;
import io.debabelizer.spi.Capability;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "transcribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Transcribe an audio file (WAV, MP3, FLAC, Ogg, ...; the format is detected from the content).")
final class TranscribeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(TranscribeCommand.class);

    @ParentCommand
    private DebabelizerCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audio file.")
    Path file;

    @Option(names = "--provider", paramLabel = "NAME", description = "Provider to use (default: configuration, then auto-selection).")
    String provider;

    @Option(names = "--language", paramLabel = "TAG", description = "BCP-47 language, e.g. en-US (default: detect).")
    String language;

    @Option(names = "--model", paramLabel = "MODEL", description = "Provider model (default: the provider's).")
    String model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TranscriptFormat format;

    @Option(names = "--no-punctuate", description = "Ask for unpunctuated text.")
    boolean noPunctuate;

    @Option(names = "--diarize", description = "Label speakers.")
    boolean diarize;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        AudioData audio = Inputs.audio(file);
        TranscriptionRequest request = TranscriptionRequest.builder(audio)
                .provider(provider).language(language).model(model)
                .punctuate(!noPunctuate).diarize(diarize).wordTimestamps(true)
                .build();
        Progress progress = root.progress();
        try (VoiceProcessor processor = root.processor()) {
            if (!progress.quiet()) {
                String chosen = provider != null ? provider : processor.select(
                        new Need(Capability.STT, language, audio.format().container(), true, diarize), null).provider();
                progress.info("transcribing " + Inputs.name(file) + " with " + chosen + "…");
                if (provider == null) {
                    EngineAdvice.forStt(chosen, processor.providers()).ifPresent(a -> progress.info("hint: " + a));
                }
            }
            log.debug("{}", request);
            Transcript transcript = processor.transcribe(request);
            String rendered = new TranscriptWriter().render(transcript, format);
            if (output != null) {
                AtomicFiles.write(output, rendered.getBytes(StandardCharsets.UTF_8));
                progress.info("wrote " + output);
            } else {
                root.io().out().print(rendered);
                root.io().out().flush();
            }
        }
        return ExitCode.OK;
    }
}
