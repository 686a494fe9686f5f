package dev.vigil.events.audit;

import dev.vigil.core.config.Option;
import dev.vigil.core.config.OptionSet;

/**
 * The server-wide options of {@code vigil-audit} ({@code --spi-events-listener--vigil-audit--<key>}), each
 * defined once; any other key stops the server at start.
 */
public final class AuditConfigProperties {

    public static final Option<String> EVENT_TYPES = Option.text("event-types", null)
            .label("Event types").defaultText("logins, token grants and refreshes, token exchange, impersonation, logout, "
                    + "credential and required-action events, and their errors")
            .help("Comma-separated Keycloak event types to write, or * for all.").build();
    public static final Option<String> ADMIN_RESOURCE_TYPES = Option.text("admin-resource-types", null)
            .label("Admin resource types").defaultText("realm, users, sessions, groups memberships, clients, client scopes, "
                    + "roles, role mappings, flows, executions, authenticator configs, required actions, components, "
                    + "identity providers")
            .help("Comma-separated admin-event resource types to write, or * for all.").build();

    public static final OptionSet OPTIONS = OptionSet.of(EVENT_TYPES, ADMIN_RESOURCE_TYPES);

    private AuditConfigProperties() {
    }
}
