package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Keycloak's Account REST API as a signed-in user calls it: read the own profile, post it back changed. */
public final class AccountApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI account;
    private final String accessToken;

    public AccountApi(String realmUrl, String accessToken) {
        this.account = URI.create(realmUrl + "/account/");
        this.accessToken = accessToken;
    }

    /** The user's representation, as the account console reads it (200 expected). */
    public ObjectNode me() throws IOException, InterruptedException {
        HttpResponse<String> mine = HTTP.send(HttpRequest.newBuilder(account)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        return (ObjectNode) new ObjectMapper().readTree(mine.body());
    }

    /** Posts {@code representation} as the account console saves the profile; returns the response. */
    public HttpResponse<String> update(ObjectNode representation) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(account)
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(representation.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
