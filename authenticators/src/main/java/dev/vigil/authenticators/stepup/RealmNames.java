package dev.vigil.authenticators.stepup;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The clients, roles and groups a condition names that the realm does not have. A typo or a deleted
 * role would otherwise switch a rule off without a word; the condition fails closed instead.
 */
final class RealmNames {

    private RealmNames() {
    }

    static List<String> missing(KeycloakSession session, RealmModel realm, StepUpRules rules) {
        List<String> missing = new ArrayList<>();
        for (String clientId : rules.clients()) {
            if (realm.getClientByClientId(clientId) == null) {
                missing.add("client " + clientId);
            }
        }
        for (String role : rules.roles()) {
            if (StepUpCondition.resolveRole(realm, role) == null) {
                missing.add("role " + role);
            }
        }
        for (String group : rules.groups()) {
            if (KeycloakModelUtils.findGroupByPath(session, realm, group) == null) {
                missing.add("group " + group);
            }
        }
        return missing;
    }
}
