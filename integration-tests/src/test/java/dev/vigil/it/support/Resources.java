package dev.vigil.it.support;

/** Teardown of what a test class started, in order; those that never started (null) are skipped. */
public final class Resources {

    private Resources() {
    }

    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
