package dev.vigil.mappers.authcontext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class AuthContextMapperTest {

    @Test
    void theSwitchesStateTheirDefaults() {
        AuthContextMapper mapper = new AuthContextMapper();
        assertThat(mapper.getId()).isEqualTo("oidc-vigil-auth-context");
        assertThat(mapper.getConfigProperties()).extracting(ProviderConfigProperty::getName).containsExactly(
                "id.token.claim", "access.token.claim", "lightweight.claim", "userinfo.token.claim", "introspection.token.claim");
        for (ProviderConfigProperty property : mapper.getConfigProperties()) {
            String expected = "true".equals(property.getDefaultValue()) ? "Default: on." : "Default: off.";
            assertThat(property.getHelpText()).as(property.getName()).endsWith(expected);
        }
    }
}
