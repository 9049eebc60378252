package io.debabelizer.testkit.fake;

import java.nio.charset.StandardCharsets;

/** A whole WebSocket message as a fake server received it (fragments joined; pings and pongs are frames only). */
public sealed interface WsMessage {

    /** A text message. */
    record Text(String text) implements WsMessage {
    }

    /** A binary message. */
    record Binary(byte[] data) implements WsMessage {
        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }

    /**
     * The peer's close frame, or {@code 1006} with an empty reason when the connection ended without one (the
     * peer dropped the TCP connection).
     */
    record Close(int code, String reason) implements WsMessage {
        public static final int NO_STATUS = 1005;
        public static final int ABNORMAL = 1006;

        public boolean abnormal() {
            return code == ABNORMAL;
        }
    }

    /** The text of a {@link Text}; fails for other messages (for scripts that expect text next). */
    default String asText() {
        if (this instanceof Text t) {
            return t.text();
        }
        throw new AssertionError("expected a text message, got " + this);
    }

    /** The bytes of a {@link Binary}, or of a {@link Text} as UTF-8. */
    default byte[] bytes() {
        return switch (this) {
            case Text t -> t.text().getBytes(StandardCharsets.UTF_8);
            case Binary b -> b.data().clone();
            case Close c -> new byte[0];
        };
    }
}
