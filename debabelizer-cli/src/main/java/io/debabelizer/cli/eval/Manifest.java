package io.debabelizer.cli.eval;

import io.debabelizer.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An evaluation manifest: a TSV file with a header line naming at least the columns {@code file} and
 * {@code reference}; file paths are relative to the manifest's folder.
 */
public record Manifest(Path path, List<Entry> entries) {

    /** One recording and what was said in it. */
    public record Entry(String name, Path audio, String reference) {
    }

    public Manifest {
        entries = List.copyOf(entries);
    }

    public static Manifest read(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("manifest not found: " + manifest);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read manifest " + manifest + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("manifest " + manifest + " is empty; it needs a header line with the "
                    + "columns 'file' and 'reference'");
        }
        List<String> header = List.of(lines.get(0).split("\t", -1)).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int fileColumn = header.indexOf("file");
        int referenceColumn = header.indexOf("reference");
        if (fileColumn < 0 || referenceColumn < 0) {
            throw new InvalidInputException("manifest " + manifest + ": the header line must name the columns "
                    + "'file' and 'reference' (tab-separated), found " + header);
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length <= Math.max(fileColumn, referenceColumn)) {
                throw new InvalidInputException("manifest " + manifest + " line " + (i + 1) + ": expected "
                        + header.size() + " tab-separated columns, found " + cells.length);
            }
            String file = cells[fileColumn].trim();
            entries.add(new Entry(file, base.resolve(file).normalize(), cells[referenceColumn].trim()));
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException("manifest " + manifest + " lists no files");
        }
        return new Manifest(manifest, entries);
    }
}
