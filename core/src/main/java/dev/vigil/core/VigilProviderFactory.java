package dev.vigil.core;

import dev.vigil.core.compat.VigilCapability;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What every factory of the pack shares: nothing to do at {@code init}, {@code postInit} or
 * {@code close} unless it says so, and operational info in the admin console (Provider info) that
 * starts with the pack and Keycloak versions ({@link VigilVersion#operationalInfo}), followed by the
 * factory's {@link #operationalDetails()}. Each factory names its {@link #capability()}: below the Keycloak
 * version that capability needs, Keycloak leaves the factory out and the capability says why once at ERROR.
 *
 * <pre>{@code
 * public class MyAuthenticatorFactory implements AuthenticatorFactory, VigilProviderFactory<Authenticator> { ... }
 * }</pre>
 */
public interface VigilProviderFactory<T extends Provider> extends ProviderFactory<T>, ServerInfoAwareProviderFactory,
        EnvironmentDependentProviderFactory {

    /** The capability this factory belongs to. */
    VigilCapability capability();

    @Override
    default boolean isSupported(Config.Scope config) {
        return capability().supportedOn(Version.VERSION);
    }

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    /** The factory's own entries after the versions; none by default. */
    default Map<String, String> operationalDetails() {
        return Map.of();
    }

    @Override
    default Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(operationalDetails());
    }
}
