package dev.vigil.authenticators;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.util.function.Function;

/**
 * Minimal stand-ins for Keycloak's model interfaces in fuzz targets: each answers the methods named
 * in {@code answers} (by method name) and refuses any other call loudly, so a target notices when the
 * code under test starts to depend on something the fake does not model.
 */
public final class Fakes {

    private Fakes() {
    }

    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        Object fake = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "fake " + type.getSimpleName();
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not modelled");
        });
        return type.cast(fake);
    }

    /**
     * Lets JAX-RS value classes ({@code Cookie}) load without a JAX-RS implementation on the class
     * path (the server has one): they ask for a header delegate when their class initialises.
     */
    public static void installRuntimeDelegate() {
        RuntimeDelegate.setInstance(new RuntimeDelegate() {
            @Override
            public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> type) {
                return null;
            }

            @Override
            public UriBuilder createUriBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Response.ResponseBuilder createResponseBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Variant.VariantListBuilder createVariantListBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T createEndpoint(Application application, Class<T> endpointType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Link.Builder createLinkBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public SeBootstrap.Configuration.Builder createConfigurationBuilder() {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletionStage<SeBootstrap.Instance> bootstrap(Application application, SeBootstrap.Configuration configuration) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletionStage<SeBootstrap.Instance> bootstrap(Class<? extends Application> clazz,
                                                                   SeBootstrap.Configuration configuration) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EntityPart.Builder createEntityPartBuilder(String partName) {
                throw new UnsupportedOperationException();
            }
        });
    }
}
