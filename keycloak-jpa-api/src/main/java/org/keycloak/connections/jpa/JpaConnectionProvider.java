package org.keycloak.connections.jpa;

import jakarta.persistence.EntityManager;
import org.keycloak.provider.Provider;

/** Signature of Keycloak 26.7.3's interface (keycloak-model-jpa); the server supplies the real one. */
public interface JpaConnectionProvider extends Provider {

    EntityManager getEntityManager();
}
