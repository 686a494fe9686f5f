package dev.vigil.events.refresh;

/** A refresh token presented more often than the realm allows: someone besides the client holds a copy. */
public record Detection(Source source, RefreshEvent reuse) {

    public enum Source {
        /** Keycloak refused the token itself (rotation on). */
        KEYCLOAK_REUSE_ERROR,
        /** Keycloak accepted it, but Vigil's ledger had seen the token's uses already (the race in Keycloak's check). */
        LEDGER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
