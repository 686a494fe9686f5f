package dev.vigil.authenticators;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.concurrent.CompletionStage;

/** A JAX-RS runtime for tests that only need JAX-RS value classes. */
public final class JaxRsStub {

    private JaxRsStub() {
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
