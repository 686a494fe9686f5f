package dev.vigil.benchmarks;

/**
 * One row of the summary's targets table: the measured ratio, its 95 % interval, the target and the outcome.
 *
 * @param low  the interval's lower end (NaN when there is none)
 * @param high its upper end
 */
record Verdict(String pair, String what, double value, double low, double high, String target, Outcome outcome) {

    enum Outcome {
        /** The whole interval lies inside the target. */
        MET,
        /** The whole interval lies outside the target. */
        MISSED,
        /** The interval straddles the target: this run cannot tell. */
        UNDECIDED,
        /** A smoke run: numbers shown, nothing claimed. */
        NOT_JUDGED,
        /** An A-versus-A control: no target, its interval is the noise floor of the run. */
        NOISE_FLOOR,
        /** A figure shown for context (Keycloak's CPU per request of a pair whose targets are elsewhere). */
        NO_TARGET;

        String text() {
            return switch (this) {
                case NOT_JUDGED -> "not judged (smoke)";
                case NOISE_FLOOR -> "noise floor (control)";
                case NO_TARGET -> "context";
                default -> name();
            };
        }
    }

    /** Judges [{@code low}, {@code high}] against {@code target}; NOT_JUDGED when {@code judged} is false. */
    static Verdict of(String pair, String what, double value, double low, double high, Target target, boolean judged) {
        return new Verdict(pair, what, value, low, high, target.text(),
                judged ? target.judge(low, high) : Outcome.NOT_JUDGED);
    }

    String outcomeText() {
        if (outcome == Outcome.MISSED && Double.isNaN(value)) {
            return "MISSED (no value)";
        }
        return outcome.text();
    }
}
