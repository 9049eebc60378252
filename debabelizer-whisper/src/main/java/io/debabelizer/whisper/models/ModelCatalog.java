package io.debabelizer.whisper.models;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Whisper models this library knows by name, with their published sizes and hashes.
 *
 * <p>Provenance of the built-in table (checked 2026-11-25): the SHA-1 column is whisper.cpp's own
 * {@code models/README.md} ("Available models"); the SHA-256 digests and exact byte sizes are those of the model
 * hub's Git LFS pointers ({@code huggingface.co/ggerganov/whisper.cpp}), as quoted identically by several independent
 * public projects, and {@code ggml-tiny.en.bin}'s SHA-256 also by this project's {@code local-engines.md}. A name
 * missing from the table can still be pulled; it is accepted with a warning because nothing can verify it.
 */
public final class ModelCatalog {

    private static final ModelCatalog BUILT_IN = new ModelCatalog(List.of(
            new KnownModel("tiny", 77_691_713L,
                    "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21",
                    "bd577a113a864445d4c299885e0cb97d4ba92b5f", true),
            new KnownModel("tiny.en", 77_704_715L,
                    "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f",
                    "c78c86eb1a8faa21b369bcd33207cc90d64ae9df", false),
            new KnownModel("base", 147_951_465L,
                    "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe",
                    "465707469ff3a37a2b9b8d8f89f2f99de7299dac", true),
            new KnownModel("base.en", 147_964_211L,
                    "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002",
                    "137c40403d78fd54d454da0f9bd998f78703390c", false),
            new KnownModel("small", 487_601_967L,
                    "1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b",
                    "55356645c2b361a969dfd0ef2c5a50d530afd8d5", true),
            new KnownModel("small.en", 487_614_201L,
                    "c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d",
                    "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022", false),
            new KnownModel("medium", 1_533_763_059L,
                    "6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208",
                    "fd9727b6e1217c2f614f9b698455c4ffd82463b4", true),
            new KnownModel("medium.en", 1_533_774_781L,
                    "cc37e93478338ec7700281a7ac30a10128929eb8f427dda2e865faa8f6da4356",
                    "8c30f0e44ce9560643ebd10bbe50cd20eafd3723", false),
            new KnownModel("large-v3", 3_095_033_483L,
                    "64d182b440b98d5203c4f9bd541544d84c605196c4f7b845dfa11fb23594d1e2",
                    "ad82bf6a9043ceed055076d0fd39f5f186ff8062", true),
            new KnownModel("large-v3-turbo", 1_624_555_275L,
                    "1fc70f774d38eb169993ac391eea357ef47c88757ef72ee5943879b7e8e2bc69",
                    "4af2b29d7ec73d781377bfd1758ca957a807e941", true)));

    private final Map<String, KnownModel> models;
    private final List<KnownModel> order;

    public ModelCatalog(Collection<KnownModel> models) {
        Map<String, KnownModel> byName = new LinkedHashMap<>();
        for (KnownModel m : models) {
            byName.put(m.name(), m);
        }
        this.models = Map.copyOf(byName);
        this.order = List.copyOf(byName.values());
    }

    /** The models listed above: tiny, base, small, medium (each also {@code .en}), large-v3, large-v3-turbo. */
    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    public Optional<KnownModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** All known models, smallest first. */
    public List<KnownModel> all() {
        return order;
    }
}
