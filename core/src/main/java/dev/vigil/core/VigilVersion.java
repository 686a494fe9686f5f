package dev.vigil.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The pack version and the Keycloak version it was built against, as Maven wrote them into the jar. */
public final class VigilVersion {

    private static final String RESOURCE = "/META-INF/vigil/version.properties";
    private static final Properties PROPERTIES = load();

    private VigilVersion() {
    }

    public static String pack() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    public static String keycloak() {
        return PROPERTIES.getProperty("keycloak.version", "unknown");
    }

    /**
     * The start of every provider's operational info in the admin console (Provider info tab):
     * the pack version first, then the provider's own entries.
     */
    public static Map<String, String> operationalInfo(Map<String, String> providerEntries) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", pack());
        info.put("built-for-keycloak", keycloak());
        info.putAll(providerEntries);
        return info;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VigilVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
