package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginFactsTest {

    @Test
    void nullCollectionsAreEmpty() {
        LoginFacts facts = new LoginFacts(null, null, null, null, null, false, false, null);
        assertThat(facts.roles()).isEmpty();
        assertThat(facts.groups()).isEmpty();
    }

    @Test
    void nullAndBlankEntriesAreDroppedAndGroupPathsLoseATrailingSlash() {
        Set<String> roles = new HashSet<>(Arrays.asList("admin", null, " "));
        Set<String> groups = new HashSet<>(Arrays.asList("/team-a/emea/", null, "", "/ops"));
        LoginFacts facts = new LoginFacts("app", roles, groups, "10.0.0.1", null, true, false, 1);
        assertThat(facts.roles()).containsExactly("admin");
        assertThat(facts.groups()).containsExactlyInAnyOrder("/team-a/emea", "/ops");
    }

    @Test
    void theCollectionsAreCopiesThatCannotChange() {
        Set<String> roles = new HashSet<>(Set.of("admin"));
        LoginFacts facts = new LoginFacts("app", roles, Set.of(), null, null, false, false, null);
        roles.add("later");
        assertThat(facts.roles()).containsExactly("admin");
        assertThatThrownBy(() -> facts.roles().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
