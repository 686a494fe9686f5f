package dev.vigil.events.audit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.ResourceType;

/** Which user events and admin events the audit listener writes. */
public final class AuditedEvents {

    /** Logins, tokens, sessions, credentials and required actions: the security-relevant user events. */
    static final List<String> DEFAULT_EVENT_TYPES = List.of(
            "LOGIN", "LOGIN_ERROR", "CLIENT_LOGIN", "CLIENT_LOGIN_ERROR",
            "CODE_TO_TOKEN", "CODE_TO_TOKEN_ERROR",
            "REFRESH_TOKEN", "REFRESH_TOKEN_ERROR",
            "TOKEN_EXCHANGE", "TOKEN_EXCHANGE_ERROR",
            "IMPERSONATE", "IMPERSONATE_ERROR",
            "LOGOUT", "LOGOUT_ERROR",
            "REVOKE_GRANT", "REVOKE_GRANT_ERROR",
            "REGISTER", "REGISTER_ERROR",
            "RESET_PASSWORD", "RESET_PASSWORD_ERROR",
            "UPDATE_PASSWORD", "UPDATE_PASSWORD_ERROR",
            "UPDATE_CREDENTIAL", "UPDATE_CREDENTIAL_ERROR",
            "REMOVE_CREDENTIAL", "REMOVE_CREDENTIAL_ERROR",
            "UPDATE_TOTP", "UPDATE_TOTP_ERROR", "REMOVE_TOTP", "REMOVE_TOTP_ERROR",
            "UPDATE_EMAIL", "UPDATE_EMAIL_ERROR",
            "CUSTOM_REQUIRED_ACTION", "CUSTOM_REQUIRED_ACTION_ERROR",
            "EXECUTE_ACTIONS", "EXECUTE_ACTIONS_ERROR",
            "EXECUTE_ACTION_TOKEN", "EXECUTE_ACTION_TOKEN_ERROR",
            "USER_DISABLED_BY_PERMANENT_LOCKOUT", "USER_DISABLED_BY_TEMPORARY_LOCKOUT");

    /** Admin changes to users, clients, roles, flows and the realm itself. */
    static final List<String> DEFAULT_RESOURCE_TYPES = List.of(
            "REALM", "USER", "USER_SESSION", "USER_LOGIN_FAILURE", "GROUP_MEMBERSHIP",
            "CLIENT", "CLIENT_SCOPE", "CLIENT_ROLE", "CLIENT_ROLE_MAPPING", "CLIENT_SCOPE_MAPPING",
            "REALM_ROLE", "REALM_ROLE_MAPPING", "REALM_SCOPE_MAPPING",
            "AUTH_FLOW", "AUTH_EXECUTION", "AUTH_EXECUTION_FLOW", "AUTHENTICATOR_CONFIG", "REQUIRED_ACTION",
            "COMPONENT", "IDENTITY_PROVIDER");

    private final Set<EventType> eventTypes;
    private final Set<ResourceType> resourceTypes;

    private AuditedEvents(Set<EventType> eventTypes, Set<ResourceType> resourceTypes) {
        this.eventTypes = eventTypes;
        this.resourceTypes = resourceTypes;
    }

    public static AuditedEvents defaults() {
        return of(null, null);
    }

    /**
     * Parses the SPI options; a null or blank value means the defaults, {@code *} means everything.
     *
     * @throws IllegalArgumentException naming each value that is not a Keycloak event or resource type
     */
    public static AuditedEvents of(String eventTypesOption, String resourceTypesOption) {
        return new AuditedEvents(
                parse(eventTypesOption, DEFAULT_EVENT_TYPES, EventType.class, "event-types"),
                parse(resourceTypesOption, DEFAULT_RESOURCE_TYPES, ResourceType.class, "admin-resource-types"));
    }

    public boolean includes(EventType type) {
        return type != null && eventTypes.contains(type);
    }

    public boolean includes(ResourceType type) {
        return type != null && resourceTypes.contains(type);
    }

    public String describeEventTypes() {
        return describe(eventTypes, EventType.class);
    }

    public String describeResourceTypes() {
        return describe(resourceTypes, ResourceType.class);
    }

    private static <E extends Enum<E>> Set<E> parse(String option, List<String> defaults, Class<E> type, String name) {
        List<String> names = option == null || option.isBlank()
                ? defaults
                : Arrays.stream(option.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (names.contains("*")) {
            return EnumSet.allOf(type);
        }
        EnumSet<E> set = EnumSet.noneOf(type);
        List<String> unknown = new java.util.ArrayList<>();
        for (String n : names) {
            try {
                set.add(Enum.valueOf(type, n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("vigil-audit option '" + name + "': not a Keycloak "
                    + type.getSimpleName() + ": " + String.join(", ", unknown));
        }
        return set;
    }

    private static <E extends Enum<E>> String describe(Set<E> set, Class<E> type) {
        if (set.size() == type.getEnumConstants().length) {
            return "*";
        }
        return set.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
