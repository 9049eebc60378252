package io.debabelizer.openai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream} body: {@code data:} lines are joined until a blank line ends the event, which
 * is then handed on. Comments ({@code :}) and {@code event:}/{@code id:}/{@code retry:} fields are skipped; OpenAI
 * puts the event type inside the JSON. A trailing event without its blank line is still delivered.
 */
final class SseEvents {

    private SseEvents() {
    }

    /**
     * Calls {@code onEvent} with each event's data until the body ends or {@code onEvent} returns false.
     *
     * @return whether the body ended (false when stopped by {@code onEvent})
     */
    static boolean read(InputStream body, Predicate<String> onEvent) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData) {
                    if (!onEvent.test(data.toString())) {
                        return false;
                    }
                    data.setLength(0);
                    hasData = false;
                }
            } else if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                String value = line.substring(5);
                data.append(value.startsWith(" ") ? value.substring(1) : value);
                hasData = true;
            }
        }
        return !hasData || onEvent.test(data.toString());
    }
}
