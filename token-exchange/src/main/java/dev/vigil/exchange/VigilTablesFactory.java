package dev.vigil.exchange;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Vigil's table in Keycloak's database ({@link ImpersonationRecords}): Keycloak runs its Liquibase changelog at
 * start, as for its own tables. No JPA entity: the table is read and written with plain SQL in the request's
 * transaction, so nothing has to be registered with Keycloak's persistence unit.
 */
public class VigilTablesFactory implements JpaEntityProviderFactory, JpaEntityProvider, VigilProviderFactory<JpaEntityProvider> {

    static final String ID = "vigil-tables";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of();
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/vigil-impersonation-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public VigilCapability capability() {
        return VigilCapability.IMPERSONATION;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
