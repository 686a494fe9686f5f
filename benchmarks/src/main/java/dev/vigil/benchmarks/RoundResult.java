package dev.vigil.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One measured round of any scenario, in the shape the summary report, the plots and the CSV files share.
 *
 * @param seconds          measured seconds; NaN when the scenario does not measure a rate (code timing)
 * @param otherCores       CPU the rest of the machine used meanwhile, in cores (NaN unknown)
 * @param serverCpuSeconds CPU time the Keycloak process tree used during the round (NaN when not measured)
 * @param cycle            the cycle of the alternation the round belongs to (1, 2, ...; 0 when not alternated)
 */
record RoundResult(int number, String modeLabel, double seconds, double[] latencyMillis, double[] completedAt,
                   int errors, double otherCores, double serverCpuSeconds, int cycle) implements MeasuredRound {

    RoundResult(int number, String modeLabel, double seconds, double[] latencyMillis, double[] completedAt,
                int errors, double otherCores, double serverCpuSeconds) {
        this(number, modeLabel, seconds, latencyMillis, completedAt, errors, otherCores, serverCpuSeconds, 0);
    }

    /** Milliseconds of Keycloak CPU per completed request; NaN when not measured. */
    double cpuMillisPerRequest() {
        return serverCpuSeconds * 1000 / latencyMillis.length;
    }

    /** The same round under another mode label (the control side of an A-versus-A pair). */
    RoundResult as(String label) {
        return new RoundResult(number, label, seconds, latencyMillis, completedAt, errors, otherCores, serverCpuSeconds,
                cycle);
    }

    /** The rounds of {@code mode} as one: all their requests over all their seconds and CPU (number 0). */
    static RoundResult pooled(String mode, List<RoundResult> rounds) {
        List<RoundResult> of = rounds.stream().filter(r -> r.modeLabel.equals(mode)).toList();
        return new RoundResult(0, mode,
                of.stream().mapToDouble(RoundResult::seconds).sum(),
                of.stream().flatMapToDouble(r -> Arrays.stream(r.latencyMillis)).toArray(),
                of.stream().flatMapToDouble(r -> Arrays.stream(r.completedAt)).toArray(),
                of.stream().mapToInt(RoundResult::errors).sum(),
                of.stream().mapToDouble(RoundResult::otherCores).average().orElse(Double.NaN),
                of.stream().mapToDouble(RoundResult::serverCpuSeconds).sum(), 0);
    }
}
