package dev.vigil.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One comparison of a scenario: the rounds of a baseline mode and a measured mode, alternated in one run on one
 * machine, with the targets for their ratios.
 *
 * @param id        file-name friendly, e.g. {@code refresh-saturation}
 * @param operation what one request is, e.g. "refresh grant", "login"
 * @param rounds    in the order they ran
 */
record PairResult(String id, String title, String operation, String baseline, String measured,
                  List<RoundResult> rounds, List<Target> targets, List<String> notes) {

    PairResult {
        rounds = List.copyOf(rounds);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    RoundResult pooled(String mode) {
        return RoundResult.pooled(mode, rounds);
    }

    /** measured / baseline of the pooled rounds. */
    double ratio(Metric metric) {
        return metric.of(pooled(measured)) / metric.of(pooled(baseline));
    }

    /**
     * The ratio of each measured round against the mean of the nearest baseline rounds before and after it (one
     * of them at the edges of the run): what one repetition of the comparison gave.
     */
    double[] repetitions(Metric metric) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            if (!rounds.get(i).modeLabel().equals(measured)) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int step : new int[] {-1, 1}) {
                for (int j = i + step; j >= 0 && j < rounds.size(); j += step) {
                    if (rounds.get(j).modeLabel().equals(baseline)) {
                        sum += metric.of(rounds.get(j));
                        n++;
                        break;
                    }
                }
            }
            if (n > 0) {
                ratios.add(metric.of(rounds.get(i)) / (sum / n));
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    List<Verdict> verdicts(boolean judged) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Target target : targets) {
            double value = ratio(target.metric());
            double[] reps = repetitions(target.metric());
            double low = reps.length == 0 ? Double.NaN : Latencies.min(reps);
            double high = reps.length == 0 ? Double.NaN : Latencies.max(reps);
            String what = target.metric() == Metric.CPU_PER_REQUEST ? "Keycloak CPU per " + operation
                    : target.metric().label();
            verdicts.add(new Verdict(title, what + " " + measured + "/" + baseline, value, low, high,
                    target.text(), target.met(value), judged, Verdict.noisy(value, low, high, target.threshold())));
        }
        return verdicts;
    }

    /** Whether any round measured Keycloak's CPU. */
    boolean hasCpu() {
        return rounds.stream().anyMatch(r -> !Double.isNaN(r.serverCpuSeconds()));
    }

    /** Whether the rounds have a rate (code timing has none). */
    boolean hasRate() {
        return rounds.stream().noneMatch(r -> Double.isNaN(r.seconds()));
    }

    int errors() {
        return rounds.stream().mapToInt(RoundResult::errors).sum();
    }
}
