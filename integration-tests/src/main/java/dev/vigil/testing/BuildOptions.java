package dev.vigil.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kc.sh build} options the harness uses. The Dockerfile must build with the same
 * options as {@link #POSTGRES} (a test checks it), so what the tests prove holds for the image.
 */
public final class BuildOptions {

    /** Options every Vigil server is built with: health for readiness, metrics for Vigil's counters. */
    public static final List<String> COMMON = List.of("--health-enabled=true", "--metrics-enabled=true");

    /** One node with the embedded H2 file database (tests, demo). */
    public static final List<String> DEV_FILE = with("--db=dev-file");

    /** The production shape: PostgreSQL (cluster tests, Docker image). */
    public static final List<String> POSTGRES = with("--db=postgres");

    private BuildOptions() {
    }

    private static List<String> with(String... extra) {
        List<String> options = new ArrayList<>(COMMON);
        options.addAll(List.of(extra));
        return List.copyOf(options);
    }
}
