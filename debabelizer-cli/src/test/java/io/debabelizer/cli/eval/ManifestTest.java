package io.debabelizer.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void readsColumnsByHeaderNameAndResolvesPathsAgainstTheManifest() throws Exception {
        Path m = dir.resolve("refs.tsv");
        Files.writeString(m, "id\treference\tfile\n1\thello world\ta.wav\n\n# comment\n2\tbye\tsub/b.wav\n");
        Manifest manifest = Manifest.read(m);
        assertThat(manifest.entries()).hasSize(2);
        assertThat(manifest.entries().get(0).audio()).isEqualTo(dir.resolve("a.wav"));
        assertThat(manifest.entries().get(1).reference()).isEqualTo("bye");
        assertThat(manifest.entries().get(1).audio()).isEqualTo(dir.resolve("sub/b.wav"));
    }

    @Test
    void rejectsAMissingColumnWithAClearMessage() throws Exception {
        Path m = dir.resolve("bad.tsv");
        Files.writeString(m, "path\ttext\nx.wav\thello\n");
        assertThatThrownBy(() -> Manifest.read(m)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'file' and 'reference'");
    }

    @Test
    void rejectsMissingAndEmptyManifests() throws Exception {
        assertThatThrownBy(() -> Manifest.read(dir.resolve("none.tsv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not found");
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "file\treference\n");
        assertThatThrownBy(() -> Manifest.read(empty)).hasMessageContaining("lists no files");
    }

    @Test
    void readsTheSharedSpeechManifestWhenPresent() {
        Path shared = Path.of("").toAbsolutePath();
        while (shared != null && !Files.isDirectory(shared.resolve("shared/speech"))) {
            shared = shared.getParent();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null, "../shared/speech not found");
        Manifest manifest = Manifest.read(shared.resolve("shared/speech/references.tsv"));
        assertThat(manifest.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.audio()).exists());
    }
}
