package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Realm JSON files, imported through the admin API. Placeholders use the syntax Keycloak's own
 * {@code --import-realm} understands, {@code ${NAME}} or {@code ${NAME:default}}, so the demo realm
 * file serves the demo, the Docker image and the tests alike.
 */
public final class RealmFixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");

    private RealmFixtures() {
    }

    public static String resolve(String json, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), m.group(2));
            if (value == null) {
                throw new IllegalArgumentException("realm file placeholder ${" + m.group(1) + "} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    public static RealmRepresentation read(String json, Map<String, String> values) {
        try {
            return JsonSerialization.readValue(resolve(json, values), RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a realm representation", e);
        }
    }

    public static String classpath(String resource) {
        try (InputStream in = RealmFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no realm fixture on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String file(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the realm of the same name, so every test class starts from its fixture. */
    public static void importFresh(Keycloak admin, RealmRepresentation realm) {
        admin.realms().findAll().stream().filter(r -> r.getRealm().equals(realm.getRealm())).findFirst()
                .ifPresent(r -> admin.realm(realm.getRealm()).remove());
        admin.realms().create(realm);
    }
}
