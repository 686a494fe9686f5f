package dev.vigil.it.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/**
 * A tiny resource server on loopback, as an API would protect an operation with RFC 9470: it accepts
 * a Keycloak access token (signature checked against the realm's JWKS, issuer and expiry checked)
 * only with the required {@code acr} and an authentication no older than {@code maxAge}; otherwise it
 * answers 401 with {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", ...}.
 */
public final class StepUpApi implements AutoCloseable {

    public static final String PATH = "/payments";

    private final HttpServer server;
    private final DefaultJWTProcessor<SecurityContext> tokens = new DefaultJWTProcessor<>();
    private final String requiredAcr;
    private final long maxAgeSeconds;
    private final Clock clock;

    public StepUpApi(String issuer, String requiredAcr, long maxAgeSeconds, Clock clock) throws IOException {
        this.requiredAcr = requiredAcr;
        this.maxAgeSeconds = maxAgeSeconds;
        this.clock = clock;
        URL jwks = URI.create(issuer + "/protocol/openid-connect/certs").toURL();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks).retrying(true).build();
        tokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        tokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat")));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                reply(exchange, 401, "Bearer", "no token");
                return;
            }
            JWTClaimsSet claims;
            Date authTime;
            try {
                claims = tokens.process(authorization.substring(7).trim(), null);
                authTime = claims.getDateClaim("auth_time");
            } catch (Exception e) {
                reply(exchange, 401, "Bearer error=\"invalid_token\"", "invalid token");
                return;
            }
            Object acr = claims.getClaim("acr");
            boolean strongEnough = requiredAcr.equals(acr);
            boolean recentEnough = authTime != null
                    && authTime.toInstant().plusSeconds(maxAgeSeconds).isAfter(clock.instant());
            if (!strongEnough || !recentEnough) {
                reply(exchange, 401, "Bearer error=\"insufficient_user_authentication\", "
                        + "error_description=\"A payment needs the " + requiredAcr + " level, authenticated within "
                        + maxAgeSeconds + " seconds\", acr_values=\"" + requiredAcr + "\", max_age=" + maxAgeSeconds,
                        "insufficient user authentication");
                return;
            }
            reply(exchange, 200, null, "paid");
        }
    }

    private static void reply(HttpExchange exchange, int status, String challenge, String body) throws IOException {
        if (challenge != null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
