package io.debabelizer.local.sphinx4;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sphinx4 reconfigures java.util.logging when it loads: it replaces the root logger's handlers with its own and
 * logs every component at INFO. This runs its construction, then gives the application its root logger back and
 * turns the loggers Sphinx4 created down to errors (its warnings are about words its own dictionary lacks).
 */
final class Sphinx4Logging {

    private static final String LOG_LEVEL_PROPERTY = "logLevel";

    private Sphinx4Logging() {
    }

    static <T> T quietly(Supplier<T> construction) {
        LogManager manager = LogManager.getLogManager();
        Set<String> before = new HashSet<>(Collections.list(manager.getLoggerNames()));
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        List<Handler> rootHandlers = List.of(root.getHandlers());
        // Sphinx4 lets system properties override its configuration's global properties; its default
        // configuration sets logLevel INFO, applied as components are allocated.
        String previousLogLevel = System.getProperty(LOG_LEVEL_PROPERTY);
        System.setProperty(LOG_LEVEL_PROPERTY, "SEVERE");
        try {
            return construction.get();
        } finally {
            if (previousLogLevel == null) {
                System.clearProperty(LOG_LEVEL_PROPERTY);
            } else {
                System.setProperty(LOG_LEVEL_PROPERTY, previousLogLevel);
            }
            for (Handler h : root.getHandlers()) {
                if (!rootHandlers.contains(h)) {
                    root.removeHandler(h);
                }
            }
            for (Handler h : rootHandlers) {
                if (!List.of(root.getHandlers()).contains(h)) {
                    root.addHandler(h);
                }
            }
            root.setLevel(rootLevel);
            for (String name : Collections.list(manager.getLoggerNames())) {
                if (!before.contains(name)) {
                    Logger.getLogger(name).setLevel(Level.SEVERE);
                }
            }
        }
    }
}
