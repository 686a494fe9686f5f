package org.keycloak.connections.jpa.entityprovider;

import org.keycloak.provider.ProviderFactory;

/** Signature of Keycloak 26.7.3's interface (keycloak-model-jpa); the server supplies the real one. */
public interface JpaEntityProviderFactory extends ProviderFactory<JpaEntityProvider> {
}
