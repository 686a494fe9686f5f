package dev.vigil.testing.client;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import java.io.IOException;
import java.net.URI;

/** A real OIDC client (Nimbus OAuth 2.0 SDK) for one realm and client of the test server. */
public final class OidcClient {

    public static final URI REDIRECT = URI.create("http://127.0.0.1/callback");

    private final String realmUrl;
    private final ClientID clientId;

    public OidcClient(String realmUrl, String clientId) {
        this.realmUrl = realmUrl;
        this.clientId = new ClientID(clientId);
    }

    public URI tokenEndpoint() {
        return URI.create(realmUrl + "/protocol/openid-connect/token");
    }

    /** An authorization request with PKCE (S256), remembering its verifier for the code exchange. */
    public final class Authorization {
        public final CodeVerifier verifier = new CodeVerifier();
        public final State state = new State();
        public final URI uri;

        Authorization(String scope) {
            this(scope, java.util.Map.of());
        }

        Authorization(String scope, java.util.Map<String, String> parameters) {
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), clientId)
                    .endpointURI(URI.create(realmUrl + "/protocol/openid-connect/auth"))
                    .redirectionURI(REDIRECT)
                    .scope(Scope.parse(scope))
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256);
            parameters.forEach(request::customParameter);
            uri = request.build().toURI();
        }

        public AuthorizationCode code(URI redirect) {
            try {
                AuthorizationResponse response = AuthorizationResponse.parse(redirect);
                if (!response.indicatesSuccess()) {
                    throw new AssertionError("authorization failed: " + response.toErrorResponse().getErrorObject());
                }
                if (!state.equals(response.getState())) {
                    throw new AssertionError("state mismatch");
                }
                return response.toSuccessResponse().getAuthorizationCode();
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new AssertionError("not an authorization response: " + redirect, e);
            }
        }

        public Tokens exchange(AuthorizationCode code) {
            return tokens(request(new AuthorizationCodeGrant(code, REDIRECT, verifier)));
        }
    }

    public Authorization authorization() {
        return new Authorization("openid");
    }

    /** An {@code openid} authorization request with more parameters, e.g. {@code acr_values}, {@code claims}, {@code max_age}. */
    public Authorization authorization(java.util.Map<String, String> parameters) {
        return new Authorization("openid", parameters);
    }

    /** Logs in through Keycloak's form and returns the tokens the code is exchanged for. */
    public Tokens login(FormLogin agent, String username, String password) {
        return login(agent, username, password, "openid");
    }

    /** As {@link #login(FormLogin, String, String)}, asking for {@code scope} (e.g. {@code openid offline_access}). */
    public Tokens login(FormLogin agent, String username, String password, String scope) {
        Authorization authorization = new Authorization(scope);
        FormLogin.Step step = agent.login(authorization.uri, username, password);
        if (!step.redirected()) {
            throw new AssertionError("login did not complete: " + step.page().body().text());
        }
        return authorization.exchange(authorization.code(step.redirect()));
    }

    public TokenResponse refresh(RefreshToken token) {
        return send(request(new RefreshTokenGrant(token)));
    }

    /** A refresh sent with the given {@code User-Agent} header, as another browser or a script would. */
    public TokenResponse refresh(RefreshToken token, String userAgent) {
        try {
            com.nimbusds.oauth2.sdk.http.HTTPRequest http =
                    new TokenRequest(tokenEndpoint(), clientId, new RefreshTokenGrant(token), null).toHTTPRequest();
            http.setHeader("User-Agent", userAgent);
            return send(http.send());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public Tokens clientCredentials(String secret) {
        try {
            return tokens(new TokenRequest(tokenEndpoint(), new ClientSecretBasic(clientId, new Secret(secret)),
                    new ClientCredentialsGrant(), null).toHTTPRequest().send());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static ErrorObject error(TokenResponse response) {
        if (response.indicatesSuccess()) {
            throw new AssertionError("expected an error, got tokens");
        }
        return ((TokenErrorResponse) response).getErrorObject();
    }

    private com.nimbusds.oauth2.sdk.http.HTTPResponse request(AuthorizationGrant grant) {
        try {
            return new TokenRequest(tokenEndpoint(), clientId, grant, null).toHTTPRequest().send();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TokenResponse send(com.nimbusds.oauth2.sdk.http.HTTPResponse response) {
        try {
            return OIDCTokenResponseParser.parse(response);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not a token response: " + response.getBody(), e);
        }
    }

    private static Tokens tokens(com.nimbusds.oauth2.sdk.http.HTTPResponse response) {
        TokenResponse parsed = send(response);
        if (!parsed.indicatesSuccess()) {
            throw new AssertionError("token request failed: " + parsed.toErrorResponse().getErrorObject());
        }
        return parsed.toSuccessResponse().getTokens();
    }
}
