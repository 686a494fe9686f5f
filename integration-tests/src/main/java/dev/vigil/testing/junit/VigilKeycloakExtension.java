package dev.vigil.testing.junit;

import dev.vigil.testing.TestKeycloak;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link TestKeycloak} parameter. The server starts once per test run, the first
 * time a test asks for it, and is stopped when the run ends (or by the shutdown hook and the
 * process guard when the JVM dies). Use through {@link WithKeycloak}. The server has the test-only
 * providers; its clock is put back on the wall clock after every test class that moved it.
 */
public class VigilKeycloakExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VigilKeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKeycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SharedServer.class, k -> new SharedServer(TestKeycloak.startForTests()), SharedServer.class)
                    .keycloak;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SharedServer shared = context.getRoot().getStore(NAMESPACE).get(SharedServer.class, SharedServer.class);
        if (shared != null) {
            shared.keycloak.resetTime();
        }
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    @SuppressWarnings("deprecation")
    static final class SharedServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestKeycloak keycloak;
        private boolean closed;

        SharedServer(TestKeycloak keycloak) {
            this.keycloak = keycloak;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                keycloak.close();
            }
        }
    }
}
