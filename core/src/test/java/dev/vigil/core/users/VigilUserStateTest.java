package dev.vigil.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

class VigilUserStateTest {

    @Test
    void undeclaredAttributesAreDeclaredAdminOnly() {
        UPConfig config = new UPConfig();
        config.addOrReplaceAttribute(new UPAttribute("email"));
        config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);

        assertThat(VigilUserState.declareAdminOnly(config))
                .containsExactly("vigil.step-up-required", "vigil.trusted-devices-not-before");

        for (String name : VigilUserState.ATTRIBUTES) {
            UPAttribute attribute = config.getAttribute(name);
            assertThat(attribute.getPermissions().getEdit()).containsExactly("admin");
            assertThat(attribute.getPermissions().getView()).containsExactly("admin");
            assertThat(attribute.isMultivalued()).isFalse();
            assertThat(attribute.getRequired()).isNull();
        }
        assertThat(config.getAttribute("email")).as("other attributes untouched").isNotNull();
        assertThat(config.getUnmanagedAttributePolicy()).isEqualTo(UPConfig.UnmanagedAttributePolicy.ENABLED);
        assertThat(VigilUserState.declareAdminOnly(config)).as("a second pass changes nothing").isEmpty();
    }

    @Test
    void aDeclarationThatLetsUsersEditOrViewIsTightened() {
        UPConfig config = new UPConfig();
        UPAttribute flag = new UPAttribute("vigil.step-up-required", new UPAttributePermissions(Set.of("admin", "user"),
                Set.of("admin", "user")));
        flag.setDisplayName("Step-up flag");
        config.addOrReplaceAttribute(flag);
        config.addOrReplaceAttribute(new UPAttribute("vigil.trusted-devices-not-before",
                new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin"))));

        assertThat(VigilUserState.declareAdminOnly(config))
                .containsExactly("vigil.step-up-required", "vigil.trusted-devices-not-before");
        assertThat(config.getAttribute("vigil.step-up-required").getPermissions().getEdit()).containsExactly("admin");
        assertThat(config.getAttribute("vigil.step-up-required").getDisplayName()).as("the admin's name kept").isEqualTo("Step-up flag");
        assertThat(config.getAttribute("vigil.trusted-devices-not-before").getPermissions().getView()).containsExactly("admin");
    }

    @Test
    void onlyAnEditListOfAdminAloneCountsAsAdminOnly() {
        assertThat(VigilUserState.isAdminOnly(null)).isFalse();
        assertThat(VigilUserState.isAdminOnly(new UPAttributePermissions(Set.of("admin"), Set.of("admin")))).isTrue();
        assertThat(VigilUserState.isAdminOnly(new UPAttributePermissions(Set.of(), Set.of("admin")))).isTrue();
        assertThat(VigilUserState.isAdminOnly(new UPAttributePermissions(Set.of("admin"), Set.of()))).isFalse();
        assertThat(VigilUserState.isAdminOnly(new UPAttributePermissions(Set.of("user"), Set.of("admin")))).isFalse();
        assertThat(VigilUserState.isAdminOnly(new UPAttributePermissions(Set.of("admin"), Set.of("admin", "user")))).isFalse();
    }
}
