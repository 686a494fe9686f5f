package dev.vigil.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One comparison of a scenario: the rounds of a baseline mode and a measured mode, alternated in one run on one
 * machine, with the targets for their ratios. A control pair compares the baseline mode with itself (two labels
 * for the same work): its intervals are the noise floor of the run and it has no verdict.
 *
 * @param id        file-name friendly, e.g. {@code refresh-saturation}
 * @param operation what one request is, e.g. "refresh grant", "login"
 * @param rounds    in the order they ran
 */
record PairResult(String id, String title, String operation, String baseline, String measured,
                  List<RoundResult> rounds, List<Target> targets, List<String> notes, boolean control) {

    PairResult {
        rounds = List.copyOf(rounds);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    PairResult(String id, String title, String operation, String baseline, String measured, List<RoundResult> rounds,
               List<Target> targets, List<String> notes) {
        this(id, title, operation, baseline, measured, rounds, targets, notes, false);
    }

    /**
     * The A-versus-A control of this pair: its baseline rounds against the rounds of {@code controlMode} among
     * {@code allRounds} (the baseline's work again, under another label, in the same cycles), with the same metrics.
     */
    PairResult control(List<RoundResult> allRounds, String controlMode) {
        return new PairResult(id + "-control", title + ", control (" + baseline + " vs " + baseline + " again)",
                operation, baseline, controlMode, allRounds.stream().filter(r -> r.modeLabel().equals(baseline)
                || r.modeLabel().equals(controlMode)).toList(), targets, List.of("A-versus-A control: the same"
                + " work on both sides, interleaved with the pair's rounds; its intervals are the run's noise floor."),
                true);
    }

    /** The same pair under id {@code id + suffix} (its plots' file names). */
    PairResult withIdSuffix(String suffix) {
        return new PairResult(id + suffix, title, operation, baseline, measured, rounds, targets, notes, control);
    }

    RoundResult pooled(String mode) {
        return RoundResult.pooled(mode, rounds);
    }

    /** measured / baseline of the pooled rounds (all requests of a mode as one sample). */
    double ratio(Metric metric) {
        return metric.of(pooled(measured)) / metric.of(pooled(baseline));
    }

    /** The cycles of the alternation that have rounds, in order (empty when the pair was not alternated). */
    List<Integer> cycles() {
        TreeSet<Integer> cycles = new TreeSet<>();
        rounds.stream().filter(r -> r.cycle() > 0).forEach(r -> cycles.add(r.cycle()));
        return List.copyOf(cycles);
    }

    /** {@code metric} of the round of {@code mode} in each cycle of {@link #cycles()} (NaN where it has none). */
    double[] perCycle(String mode, Metric metric) {
        List<Integer> cycles = cycles();
        double[] values = new double[cycles.size()];
        for (int i = 0; i < values.length; i++) {
            int cycle = cycles.get(i);
            values[i] = rounds.stream().filter(r -> r.cycle() == cycle && r.modeLabel().equals(mode))
                    .mapToDouble(metric::of).average().orElse(Double.NaN);
        }
        return values;
    }

    /**
     * The ratio of {@code metric} with its 95 % bootstrap interval over cycles ({@link RatioInterval}); for a pair
     * that was not alternated (one sample per mode) the pooled ratio without an interval.
     */
    RatioInterval interval(Metric metric) {
        if (cycles().isEmpty()) {
            return new RatioInterval(ratio(metric), Double.NaN, Double.NaN, 0);
        }
        return RatioInterval.of(perCycle(measured, metric), perCycle(baseline, metric));
    }

    /** Rounds of {@code mode}. */
    long roundsOf(String mode) {
        return rounds.stream().filter(r -> r.modeLabel().equals(mode)).count();
    }

    /**
     * One row per target, then Keycloak's CPU per request when no target covers it (the primary figure of every
     * pair that measures it). A control pair's rows are its noise floor.
     */
    List<Verdict> verdicts(boolean judged) {
        List<Verdict> verdicts = new ArrayList<>();
        List<Metric> shown = new ArrayList<>();
        for (Target target : targets) {
            shown.add(target.metric());
            RatioInterval r = interval(target.metric());
            Verdict v = Verdict.of(title, what(target.metric()), r.estimate(), r.low(), r.high(), target, judged);
            verdicts.add(control ? new Verdict(v.pair(), v.what(), v.value(), v.low(), v.high(), "1 (same work)",
                    Verdict.Outcome.NOISE_FLOOR) : v);
        }
        if (hasCpu() && !shown.contains(Metric.CPU_PER_REQUEST)) {
            RatioInterval r = interval(Metric.CPU_PER_REQUEST);
            verdicts.add(new Verdict(title, what(Metric.CPU_PER_REQUEST), r.estimate(), r.low(), r.high(),
                    control ? "1 (same work)" : "no target",
                    control ? Verdict.Outcome.NOISE_FLOOR : Verdict.Outcome.NO_TARGET));
        }
        return verdicts;
    }

    private String what(Metric metric) {
        String what = metric == Metric.CPU_PER_REQUEST ? "Keycloak CPU per " + operation : metric.label();
        return what + " " + measured + "/" + baseline;
    }

    /** Whether a judged target of this pair is UNDECIDED: the pair should run more rounds. */
    boolean undecided() {
        return !control && verdicts(true).stream().anyMatch(v -> v.outcome() == Verdict.Outcome.UNDECIDED);
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
