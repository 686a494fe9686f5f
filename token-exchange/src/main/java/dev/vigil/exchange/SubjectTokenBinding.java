package dev.vigil.exchange;

import java.util.List;

/**
 * Whether the acting person's token may be used by the requesting client. Pure: the facts come from
 * the verified token and from Keycloak's own proof checks ({@code DPoPUtil}, {@code MtlsHoKTokenUtil}).
 *
 * <p>The token must be the requesting client's: issued to it ({@code azp}) or naming it in {@code aud}.
 * A sender-constrained token ({@code cnf.jkt} for DPoP, {@code cnf.x5t#S256} for a client certificate)
 * must be issued to the requesting client and come with its proof, as Keycloak's standard exchange
 * requires. Every refusal is {@code invalid_request} (RFC 8693 section 2.2.2).
 */
public final class SubjectTokenBinding {

    /** The outcome of Keycloak's check of a proof the token demands. */
    public enum Proof {
        /** The token is not bound this way. */
        NOT_BOUND,
        MISSING,
        MISMATCH,
        VALID
    }

    /** What the verified subject token says about its holder. */
    public record Token(String azp, List<String> audience, Proof dpop, Proof certificate) {
    }

    /** A refusal: its denial id for the audit trail and a message safe to show the caller. */
    public record Refusal(String denial, String message) {
    }

    private SubjectTokenBinding() {
    }

    /** @return why the requesting client may not use {@code token}, or null when it may */
    public static Refusal check(String clientId, Token token) {
        boolean issuedToClient = clientId.equals(token.azp());
        if (!issuedToClient && (token.audience() == null || !token.audience().contains(clientId))) {
            return new Refusal("subject-token-other-client", "subject_token was issued to another client and does not name "
                    + "the requesting client in its audience");
        }
        boolean senderConstrained = token.dpop() != Proof.NOT_BOUND || token.certificate() != Proof.NOT_BOUND;
        if (senderConstrained && !issuedToClient) {
            return new Refusal("subject-token-other-client", "a sender-constrained subject_token must be issued to the "
                    + "requesting client");
        }
        if (token.dpop() == Proof.MISSING) {
            return new Refusal("dpop-proof-missing", "subject_token is DPoP-bound: send its DPoP proof");
        }
        if (token.dpop() == Proof.MISMATCH) {
            return new Refusal("dpop-proof-mismatch", "the DPoP proof does not match the subject_token");
        }
        if (token.certificate() == Proof.MISSING || token.certificate() == Proof.MISMATCH) {
            return new Refusal("certificate-mismatch", "subject_token is certificate-bound: present its client certificate");
        }
        return null;
    }
}
