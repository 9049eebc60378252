package io.debabelizer.testkit;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.debabelizer.testkit.fake.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Names of the live threads, virtual ones included: {@link Thread#getAllStackTraces()} only sees platform threads,
 * while the stream machinery runs on virtual threads, so this also reads the JDK's JSON thread dump (which lists
 * virtual threads started with the Thread API while {@code jdk.trackAllThreads} is on, its default).
 */
public final class LiveThreads {

    private LiveThreads() {
    }

    /** Threads named like Debabelizer's own ({@code debabelizer-*}) or the JDK HttpClient's selector. */
    public static final Predicate<String> DEBABELIZER_OR_HTTP_SELECTOR =
            name -> name.startsWith("debabelizer-") || (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"));

    /** Names of all live threads matching {@code filter}. */
    public static List<String> named(Predicate<String> filter) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && filter.test(t.getName())) {
                names.add(t.getName());
            }
        }
        List<String> platform = List.copyOf(names);
        for (String v : virtualThreadNames(filter)) {
            if (!platform.contains(v)) { // older dumps do not mark virtual threads; skip ones already counted
                names.add(v);
            }
        }
        return names;
    }

    private static List<String> virtualThreadNames(Predicate<String> filter) {
        List<String> names = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("debabelizer-threads");
            Path file = dir.resolve("dump.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                JsonNode dump = Json.parse(Files.readAllBytes(file));
                for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
                    for (JsonNode thread : container.path("threads")) {
                        String name = thread.path("name").asString("");
                        if (thread.path("virtual").asBoolean(true) && filter.test(name)) {
                            names.add(name);
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a thread dump", e);
        }
        return names;
    }
}
