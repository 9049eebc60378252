package io.debabelizer.testkit.loopback;

import io.debabelizer.spi.Capability;
import io.debabelizer.spi.ProviderDescriptor;
import io.debabelizer.stt.SttProvider;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.SttProviderCompatibilityKit;
import java.util.EnumSet;

/**
 * A provider whose descriptor claims batch transcription only: the kit must skip its live tests (reported as
 * skipped with the reason) and still run the batch ones.
 */
class BatchOnlySttCompatibilityTest extends SttProviderCompatibilityKit<LoopbackFake> {

    /** The loopback provider presenting itself as batch-only. */
    private record BatchOnly(SttProvider delegate, ProviderDescriptor descriptor) implements SttProvider {
        @Override
        public Transcript transcribe(TranscriptionRequest request) {
            return delegate.transcribe(request);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Override
    protected LoopbackFake startFake() {
        return LoopbackFake.start(ProviderSettings.KIT_API_KEY);
    }

    @Override
    protected SttProvider createProvider(LoopbackFake fake, ProviderSettings settings) {
        ProviderDescriptor d = LoopbackProviderFactory.DESCRIPTOR;
        ProviderDescriptor batchOnly = new ProviderDescriptor(d.name(), d.displayName(), EnumSet.of(Capability.STT),
                d.languages(), d.inputContainers(), d.wordTimestamps(), d.diarization(), d.sttPricePerMinute(),
                d.ttsPricePerMillionChars(), d.typicalLatencyMs(), d.quality(), d.local(), d.configKeys());
        return new BatchOnly(new LoopbackSttCompatibilityTest().createProvider(fake, settings), batchOnly);
    }
}
