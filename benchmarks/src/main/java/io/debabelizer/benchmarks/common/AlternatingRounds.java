package io.debabelizer.benchmarks.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The method every per-chunk overhead benchmark shares: our stream and a bare client of the same protocol run
 * the same number of round trips against the same loopback fake in the same JVM, one warm-up round each, then
 * alternating rounds (which goes first alternates too, so neither always runs on a warmer machine). Prints each
 * round, the pooled percentiles, and the median of the per-round figures, which one busy moment cannot move.
 * Lines starting {@code overhead (difference)} and {@code median of per-round} are what the scripts summarise.
 */
public final class AlternatingRounds {

    /** One client's run of {@code chunks} round trips; returns each round trip in nanoseconds. */
    @FunctionalInterface
    public interface Client {
        long[] roundTrips(int chunks) throws Exception;
    }

    private AlternatingRounds() {
    }

    /** Checks the usual arguments: at least 100 chunks per round, at least one round, 10^6 chunks at most. */
    public static void checkArguments(int chunks, int rounds) {
        if (chunks < 100 || rounds < 1 || (long) chunks * rounds > 1_000_000) {
            throw new IllegalArgumentException("at least 100 chunks per round, at least 1 round, 10^6 chunks at most");
        }
    }

    public static void run(String bareName, Client bare, Client ours, int chunks, int rounds) throws Exception {
        System.out.printf("%d chunks of 20 ms per round and client, %d measured rounds after one warm-up round; "
                + "clients alternate, and which goes first alternates by round; load average %s%n", chunks, rounds,
                loadAverage());
        ours.roundTrips(chunks);
        bare.roundTrips(chunks);
        long[][] oursByRound = new long[rounds][];
        long[][] bareByRound = new long[rounds][];
        double[] oursP99 = new double[rounds];
        double[] bareP99 = new double[rounds];
        double[] overheadP99 = new double[rounds];
        double[] overheadP50 = new double[rounds];
        System.out.printf("%5s | %-28s | %-24s | %-24s%n", "round", bareName + " p50 / p99 µs",
                "debabelizer p50 / p99 µs", "overhead p50 / p99 µs");
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                bareByRound[r] = bare.roundTrips(chunks);
                oursByRound[r] = ours.roundTrips(chunks);
            } else {
                oursByRound[r] = ours.roundTrips(chunks);
                bareByRound[r] = bare.roundTrips(chunks);
            }
            bareP99[r] = Percentiles.micros(bareByRound[r], 99);
            oursP99[r] = Percentiles.micros(oursByRound[r], 99);
            overheadP99[r] = oursP99[r] - bareP99[r];
            overheadP50[r] = Percentiles.micros(oursByRound[r], 50) - Percentiles.micros(bareByRound[r], 50);
            System.out.printf("%5d | %11.1f / %11.1f   | %9.1f / %9.1f   | %9.1f / %9.1f%n", r + 1,
                    Percentiles.micros(bareByRound[r], 50), bareP99[r], Percentiles.micros(oursByRound[r], 50),
                    oursP99[r], overheadP50[r], overheadP99[r]);
        }
        long[] o = concat(oursByRound);
        long[] b = concat(bareByRound);
        System.out.printf("all rounds pooled (%d round trips each):%n", o.length);
        System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", bareName, Percentiles.micros(b, 50),
                Percentiles.micros(b, 99));
        System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "debabelizer SpeechStream",
                Percentiles.micros(o, 50), Percentiles.micros(o, 99));
        System.out.printf("%-28s p50 %8.1f µs   p99 %8.1f µs%n", "overhead (difference)",
                Percentiles.micros(o, 50) - Percentiles.micros(b, 50),
                Percentiles.micros(o, 99) - Percentiles.micros(b, 99));
        System.out.printf("median of per-round p99: bare %.1f µs, debabelizer %.1f µs, overhead %.1f µs "
                + "(per-round overhead p50 median %.1f µs); load average %s%n", Percentiles.median(bareP99),
                Percentiles.median(oursP99), Percentiles.median(overheadP99), Percentiles.median(overheadP50),
                loadAverage());
    }

    /** The machine's load average (1, 5, 15 minutes), or "n/a" where there is no {@code /proc/loadavg}. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long[] concat(long[][] parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
