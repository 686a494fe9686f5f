package dev.vigil.exchange;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.impersonation.ActorClaim;
import dev.vigil.core.impersonation.ImpersonationTokenScope;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.VerificationException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.dpop.DPoP;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.DPoPUtil;
import org.keycloak.services.util.MtlsHoKTokenUtil;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * {@code vigil-impersonation}: an RFC 8693 token exchange with {@code requested_subject}. Takes only
 * such requests; every other exchange stays with Keycloak. The answer is a short access token of the
 * target that names the actor ({@code act}), in no stored session, and never a refresh token.
 */
public class ImpersonationExchangeProvider implements TokenExchangeProvider {

    static final String AUDIT_SOURCE = "impersonation";
    /** The detail naming an impersonation in events and audit records: its token's {@code jti}, the live list's id. */
    static final String IMPERSONATION_ID = "impersonation_id";
    /** Keycloak's {@code oidc-session-state-mapper} claim: the transient session it would name does not exist. */
    private static final String SESSION_STATE = "session_state";
    private static final String DENIED = "Impersonation is not allowed";

    private final KeycloakSession session;
    private final Clock clock;
    private final ImpersonationMetrics metrics;

    ImpersonationExchangeProvider(KeycloakSession session, Clock clock, ImpersonationMetrics metrics) {
        this.session = session;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Requests with {@code requested_subject}, and standard exchanges whose subject token carries
     * {@code act} (every Vigil impersonation token does), so that {@link StandardExchangeGuard} can
     * refuse an impersonation token there and hand every other such request to Keycloak's provider.
     */
    @Override
    public boolean supports(TokenExchangeContext context) {
        return context.getFormParams().containsKey(ImpersonationRequest.REQUESTED_SUBJECT)
                || StandardExchangeGuard.carriesActor(context.getFormParams().getFirst("subject_token"));
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        if (!context.getFormParams().containsKey(ImpersonationRequest.REQUESTED_SUBJECT)) {
            return new StandardExchangeGuard(session, context, metrics, clock).run();
        }
        Exchange exchange = new Exchange(context);
        return exchange.run();
    }

    /** One exchange: the request's state, so the steps stay short. */
    private final class Exchange {
        private final TokenExchangeContext context;
        private final RealmModel realm;
        private final ClientModel client;
        private final EventBuilder event;

        Exchange(TokenExchangeContext context) {
            this.context = context;
            this.realm = context.getRealm();
            this.client = context.getClient();
            this.event = context.getEvent();
        }

        Response run() {
            ImpersonationSettings settings = (ImpersonationSettings) session.getAttribute(ImpersonationExecutor.SESSION_ATTRIBUTE);
            if (settings == null || client.isPublicClient()) {
                throw refuse(OAuthErrorException.UNAUTHORIZED_CLIENT, "Client not allowed to impersonate",
                        Response.Status.BAD_REQUEST, "client-not-enabled", null);
            }
            if (Administrators.clientScopeHoldsAdminRole(client)) {
                // The Admin REST API grants what the user holds within the client's scope: a support tool
                // whose scope names an admin role is misconfigured, whoever the target.
                throw refuse(OAuthErrorException.UNAUTHORIZED_CLIENT, "Client not allowed to impersonate",
                        Response.Status.BAD_REQUEST, "client-scope-admin-role", null);
            }
            ImpersonationRequest request;
            try {
                request = ImpersonationRequest.parse(context.getFormParams(), client.getClientId(), settings);
            } catch (ImpersonationRequest.Invalid invalid) {
                throw refuse(invalid.error(), invalid.getMessage(), Response.Status.BAD_REQUEST,
                        switch (invalid.error()) {
                            case "invalid_target" -> "audience-not-allowed";
                            case "invalid_scope" -> "scope-not-allowed";
                            default -> "invalid-request";
                        }, null);
            }
            event.detail(Details.REQUESTED_SUBJECT, request.subjectForAudit());
            if (request.reason() != null) {
                event.detail(ImpersonationRequest.REASON, request.reason());
            }
            AuthenticationManager.AuthResult actorAuth = AuthenticationManager.verifyIdentityToken(session, realm,
                    session.getContext().getUri(), context.getClientConnection(), true, true, null, false,
                    request.subjectToken(), context.getHeaders(), verifier -> { });
            if (actorAuth == null) {
                throw refuse(OAuthErrorException.INVALID_GRANT, "Invalid or expired subject_token", Response.Status.BAD_REQUEST,
                        "invalid-subject-token", request);
            }
            UserModel actor = actorAuth.user();
            event.detail(Details.IMPERSONATOR, actor.getUsername());
            event.detail("impersonator_id", actor.getId());
            SubjectTokenBinding.Refusal unbound = SubjectTokenBinding.check(client.getClientId(), bindingFacts(actorAuth.token()));
            if (unbound != null) {
                throw refuse(OAuthErrorException.INVALID_REQUEST, unbound.message(), Response.Status.BAD_REQUEST,
                        unbound.denial(), request);
            }

            long now = clock.instant().getEpochSecond();
            ImpersonationPolicy.Actor actorFacts = ImpersonationFacts.actor(realm, actor, actorAuth.session(), actorAuth.token(), settings);
            // The target is looked up only for someone who may impersonate: otherwise the time of the
            // lookup would tell an outsider whether the user exists.
            boolean mayImpersonate = actorFacts.impersonator() && !actorFacts.tokenIsImpersonation();
            ImpersonationFacts.Found found = mayImpersonate ? ImpersonationFacts.findTarget(session, realm, request) : null;
            ImpersonationPolicy.Denial denial = ImpersonationPolicy.decide(actorFacts,
                    found == null ? null : ImpersonationFacts.target(session, realm, found, actor, settings),
                    settings, 0);
            String capSlot = denial != null ? null
                    : new ActorCap(session).claim(realm.getId(), actor.getId(), settings.maxActivePerActor(), settings.lifetimeSeconds());
            if (denial == null && capSlot == null) {
                denial = ImpersonationPolicy.Denial.TOO_MANY_ACTIVE;
            }
            if (denial != null) {
                // One answer for every denial: the caller learns nothing about the target.
                throw refuse(OAuthErrorException.ACCESS_DENIED, DENIED, Response.Status.FORBIDDEN, denial.id(), request);
            }
            // Verified against this realm's issuer for this request's base URI: the same string Keycloak would build.
            return grant(request, settings, actor, found.user(), now, capSlot, actorAuth.token().getIssuer());
        }

        /** The facts of a verified subject token's binding, with Keycloak's own checks of DPoP and certificate proofs. */
        private SubjectTokenBinding.Token bindingFacts(AccessToken token) {
            AccessToken.Confirmation cnf = token.getConfirmation();
            SubjectTokenBinding.Proof dpop = SubjectTokenBinding.Proof.NOT_BOUND;
            SubjectTokenBinding.Proof certificate = SubjectTokenBinding.Proof.NOT_BOUND;
            if (cnf != null && cnf.getKeyThumbprint() != null) {
                DPoP proof = session.getAttribute(DPoPUtil.DPOP_SESSION_ATTRIBUTE, DPoP.class);
                if (proof == null) {
                    dpop = SubjectTokenBinding.Proof.MISSING;
                } else {
                    try {
                        DPoPUtil.validateBinding(token, proof);
                        dpop = SubjectTokenBinding.Proof.VALID;
                    } catch (VerificationException e) {
                        dpop = SubjectTokenBinding.Proof.MISMATCH;
                    }
                }
            }
            if (cnf != null && cnf.getCertThumbprint() != null) {
                certificate = MtlsHoKTokenUtil.verifyTokenBindingWithClientCertificate(token, session.getContext().getHttpRequest(),
                        session) ? SubjectTokenBinding.Proof.VALID : SubjectTokenBinding.Proof.MISMATCH;
            }
            String[] audience = token.getAudience();
            return new SubjectTokenBinding.Token(token.getIssuedFor(), audience == null ? List.of() : Arrays.asList(audience),
                    dpop, certificate);
        }

        private Response grant(ImpersonationRequest request, ImpersonationSettings settings, UserModel actor, UserModel target,
                               long now, String capSlot, String issuer) {
            long expires = now + settings.lifetimeSeconds();
            // Transient, as Keycloak's client-credentials grant makes it: never cached, never written. The token
            // carries everything (sub, act, aud, exp); the row below is what the live list and kill switch need.
            UserSessionModel userSession = new UserSessionManager(session).createUserSession(null, realm, target,
                    target.getUsername(), context.getClientConnection().getRemoteHost(), "impersonate", false, null, null,
                    UserSessionModel.SessionPersistenceState.TRANSIENT);
            // Read by the oidc-vigil-actor mapper while the token is built.
            userSession.setNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString(), actor.getId());
            userSession.setNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString(), actor.getUsername());
            userSession.setNote(ImpersonationSessionNote.IMPERSONATOR_CLIENT.toString(), client.getId());
            userSession.setNote(ActorClaim.ACTOR_CLIENT_NOTE, client.getClientId());
            Set<String> audiences = new LinkedHashSet<>();
            audiences.add(client.getClientId());
            audiences.addAll(request.audience());

            RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
            AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
            authSession.setAuthenticatedUser(target);
            authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
            authSession.setClientNote(OIDCLoginProtocol.ISSUER, issuer);
            authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, request.scopeParameter());
            ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
            clientSessionCtx.setAttribute(Constants.GRANT_TYPE, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE);
            session.authenticationSessions().removeRootAuthenticationSession(realm, root);

            TokenManager tokens = (TokenManager) context.getTokenManager();
            TokenManager.AccessTokenResponseBuilder builder = tokens.responseBuilder(realm, client, event, session, userSession,
                    clientSessionCtx).generateAccessToken();
            AccessToken token = builder.getAccessToken();
            // As Keycloak does for every token of a transient session: no session to name. Its id (jti) says
            // "transient", so userinfo, introspection and Keycloak's APIs accept it without a session lookup.
            token.setSessionId(null);
            token.getOtherClaims().remove(SESSION_STATE);
            token.exp(expires);
            token.issuedFor(client.getClientId());
            ImpersonationTokenScope.restrict(token, audiences);
            if (!token.getOtherClaims().containsKey(ActorClaim.CLAIM)) {
                // Without the oidc-vigil-actor mapper on the client the token would look like the user's own.
                ActorClaim.fromNotes(userSession.getNotes())
                        .ifPresent(act -> token.getOtherClaims().put(ActorClaim.CLAIM, act));
            }
            AccessTokenResponse response = builder.build();
            response.setExpiresIn(expires - now);
            response.setRefreshToken(null);
            response.setRefreshExpiresIn(0);
            response.setIdToken(null);
            response.setOtherClaims(OAuth2Constants.ISSUED_TOKEN_TYPE, ImpersonationRequest.ACCESS_TOKEN_TYPE);
            String id = token.getId();
            // In this request's transaction: committed before the answer is written, or the request fails.
            ImpersonationRecords.of(session).insert(new ImpersonationRecords.Row(id, realm.getId(), actor.getId(),
                    actor.getUsername(), client.getClientId(), target.getId(), target.getUsername(), request.reason(), now,
                    expires, capSlot));

            String expiresAt = Instant.ofEpochSecond(expires).toString();
            event.user(target).session((String) null).detail(Details.AUDIENCE, String.join(" ", audiences))
                    .detail(IMPERSONATION_ID, id).detail("expires", expiresAt).detail("vigil_decision", "granted");
            event.clone().event(EventType.IMPERSONATE).detail("impersonator_realm", realm.getName()).success();
            event.success();
            metrics.granted();
            AuditTrail.writeAfterCommit(session, audit("granted", request, actor.getId(), actor.getUsername())
                    .userId(target.getId()).username(target.getUsername()).detail(IMPERSONATION_ID, id)
                    .detail("expires", expiresAt).build());
            if (settings.notifyTarget()) {
                ImpersonationMail.sendAfterCommit(session, realm, target, actor, client, request.reason(), now, expires);
            }
            return context.getCors().add(Response.ok(response, MediaType.APPLICATION_JSON_TYPE));
        }

        private CorsErrorResponseException refuse(String error, String description, Response.Status status, String reason,
                                                  ImpersonationRequest request) {
            event.detail(Details.REASON, reason).detail("vigil_decision", "denied");
            event.error(error.equals(OAuthErrorException.INVALID_GRANT) ? Errors.INVALID_TOKEN
                    : error.equals(OAuthErrorException.ACCESS_DENIED) ? Errors.NOT_ALLOWED : Errors.INVALID_REQUEST);
            metrics.denied(reason);
            // A refused request rolls back; its audit record is written at once.
            Map<String, String> details = event.getEvent().getDetails() == null ? Map.of() : event.getEvent().getDetails();
            AuditTrail.write(audit("denied", request, details.get("impersonator_id"), details.get(Details.IMPERSONATOR))
                    .error(error).detail("denial", reason).build());
            return new CorsErrorResponseException(context.getCors(), error, description, status);
        }

        private AuditRecord.Builder audit(String decision, ImpersonationRequest request, String actorId, String actorName) {
            AuditRecord.Builder record = AuditRecord.builder(AUDIT_SOURCE, "IMPERSONATION", Instant.now(clock))
                    .realm(realm.getName())
                    .clientId(client.getClientId())
                    .ipAddress(context.getClientConnection().getRemoteAddr())
                    .detail("decision", decision)
                    .detail("impersonator", actorName)
                    .detail("impersonator_id", actorId);
            if (request != null) {
                record.detail("requested_subject", request.subjectForAudit()).detail("reason", request.reason());
            }
            return record;
        }
    }

    @Override
    public void close() {
    }
}
