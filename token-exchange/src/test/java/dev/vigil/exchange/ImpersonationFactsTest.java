package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.Fakes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

class ImpersonationFactsTest {

    @Test
    void aUserHoldsTheirRolesEveryRoleThoseContainAndTheRolesOfTheirGroupsAndTheirParents() {
        RoleModel deepest = role("deepest");
        RoleModel middle = role("middle", deepest);
        RoleModel direct = role("direct", middle);
        RoleModel ofParentGroup = role("of-parent-group");
        RoleModel ofGroup = role("of-group");
        RoleModel unheld = role("unheld");
        GroupModel parent = group(null, ofParentGroup);
        GroupModel child = group(parent, ofGroup);

        UserModel user = user(List.of(direct), List.of(child));

        assertThat(ImpersonationFacts.effectiveRoleIds(user))
                .containsExactlyInAnyOrder("direct", "middle", "deepest", "of-group", "of-parent-group")
                .doesNotContain(unheld.getId());
    }

    @Test
    void compositesThatContainEachOtherAreWalkedOnce() {
        List<RoleModel> aContains = new ArrayList<>();
        RoleModel a = role("a", aContains);
        RoleModel b = role("b", a);
        aContains.add(b);

        assertThat(ImpersonationFacts.effectiveRoleIds(user(List.of(a), List.of()))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aUserWithoutRolesOrGroupsHoldsNothing() {
        assertThat(ImpersonationFacts.effectiveRoleIds(user(List.of(), List.of()))).isEmpty();
    }

    private static RoleModel role(String id, RoleModel... composites) {
        return role(id, List.of(composites));
    }

    /**
     * {@code composites} is read at every call, so a test may close a cycle after creating the roles. Equal by id,
     * as Keycloak's role adapters are.
     */
    private static RoleModel role(String id, List<RoleModel> composites) {
        return Fakes.of(RoleModel.class, Map.<String, Function<Object[], Object>>of(
                "getId", args -> id,
                "isComposite", args -> !composites.isEmpty(),
                "getCompositesStream", args -> composites.stream(),
                "hashCode", args -> id.hashCode(),
                "equals", args -> args[0] instanceof RoleModel other && id.equals(other.getId())));
    }

    private static GroupModel group(GroupModel parent, RoleModel... roles) {
        return Fakes.of(GroupModel.class, Map.<String, Function<Object[], Object>>of(
                "getParent", args -> parent,
                "getParentId", args -> parent == null ? null : "parent-of-group",
                "getRoleMappingsStream", args -> Stream.of(roles)));
    }

    private static UserModel user(List<RoleModel> roles, List<GroupModel> groups) {
        return Fakes.of(UserModel.class, Map.<String, Function<Object[], Object>>of(
                "getRoleMappingsStream", args -> roles.stream(),
                "getGroupsStream", args -> groups.stream()));
    }
}
