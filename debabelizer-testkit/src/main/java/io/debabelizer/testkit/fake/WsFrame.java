package io.debabelizer.testkit.fake;

/**
 * One WebSocket frame as it arrived, before reassembly: lets a test check fragmentation, pings and close frames.
 *
 * @param opcode  the frame's opcode
 * @param fin     whether it was the final fragment
 * @param payload the unmasked payload
 */
public record WsFrame(Opcode opcode, boolean fin, byte[] payload) {

    public enum Opcode {
        CONTINUATION(0x0), TEXT(0x1), BINARY(0x2), CLOSE(0x8), PING(0x9), PONG(0xA);

        final int code;

        Opcode(int code) {
            this.code = code;
        }

        boolean isControl() {
            return code >= 0x8;
        }

        static Opcode of(int code) {
            for (Opcode o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return "WsFrame[" + opcode + (fin ? "" : " (more)") + ", " + payload.length + " bytes]";
    }
}
