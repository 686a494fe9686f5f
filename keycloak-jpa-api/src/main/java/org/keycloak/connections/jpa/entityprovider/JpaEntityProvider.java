package org.keycloak.connections.jpa.entityprovider;

import java.util.List;
import org.keycloak.provider.Provider;

/** Signature of Keycloak 26.7.3's interface (keycloak-model-jpa); the server supplies the real one. */
public interface JpaEntityProvider extends Provider {

    List<Class<?>> getEntities();

    String getChangelogLocation();

    String getFactoryId();
}
