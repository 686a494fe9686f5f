package dev.vigil.themes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.KeycloakSanitizerMethod;
import org.keycloak.theme.PropertiesUtil;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.DefaultFreeMarkerProvider;

/**
 * Renders the pack's templates the way a Keycloak 26.7.3 server does: Keycloak's own
 * {@link DefaultFreeMarkerProvider} (FreeMarker 2.3.32, HTML output format for {@code .ftl}, UTF-8),
 * its {@code msg} method and {@code kcSanitize}, and its own theme files from the keycloak-themes jar
 * (keycloak.v2 login layout, field and button macros; base email layout). The pack's files come last,
 * as the fallback Keycloak adds from a provider jar's {@code theme-resources}.
 */
public final class KeycloakRendering {

    public static final Path THEME_RESOURCES = Paths.get("src/main/resources/theme-resources");
    /** The languages the pack ships, as language tags. */
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "pt-BR");

    public static final String LOGIN_ACTION =
            "https://sso.example.com/realms/demo/login-actions/authenticate?session_code=S&execution=E&client_id=app&tab_id=T";

    private KeycloakRendering() {
    }

    /** The bundle file Keycloak looks up for a language: {@code messages_<Locale.toString()>.properties}. */
    public static String bundleFileName(String languageTag) {
        return "messages_" + Locale.forLanguageTag(languageTag) + ".properties";
    }

    public static Theme loginTheme() {
        return new PackTheme("keycloak.v2", Theme.Type.LOGIN, "theme/keycloak.v2/login/", "theme/base/login/");
    }

    public static Theme emailTheme() {
        return new PackTheme("base", Theme.Type.EMAIL, "theme/base/email/");
    }

    public static String render(Theme theme, String template, Map<String, Object> data) throws FreeMarkerException {
        return new DefaultFreeMarkerProvider(new ConcurrentHashMap<>(), new KeycloakSanitizerMethod())
                .processTemplate(data, template, theme);
    }

    /** Keycloak's messages of a theme type, then the pack's: English first, the language over it. */
    public static Properties messages(Theme.Type type, String languageTag) {
        String dir = type == Theme.Type.LOGIN ? "login" : "email";
        Properties messages = new Properties();
        for (String tag : languageTag.equals("en") ? List.of("en") : List.of("en", languageTag)) {
            String file = bundleFileName(tag);
            readKeycloakWay(messages, classpath("theme/base/" + dir + "/messages/" + file));
            if (type == Theme.Type.LOGIN) {
                readKeycloakWay(messages, classpath("theme/keycloak.v2/login/messages/" + file));
            }
            Path pack = THEME_RESOURCES.resolve("messages").resolve(file);
            try {
                readKeycloakWay(messages, Files.exists(pack) ? pack.toUri().toURL() : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** Reads a bundle with the very method Keycloak's ClasspathThemeResourceProviderFactory uses. */
    public static void readKeycloakWay(Properties into, URL url) {
        if (url == null) {
            return;
        }
        try (InputStream in = url.openStream()) {
            PropertiesUtil.readCharsetAware(into, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String format(Properties messages, String languageTag, String key, Object... args) {
        return new MessageFormat(messages.getProperty(key, key), Locale.forLanguageTag(languageTag)).format(args);
    }

    /** The data model of a login page, as FreeMarkerLoginFormsProvider fills it (the parts the pages use). */
    public static Map<String, Object> loginPage(String languageTag, Map<String, String> fieldErrors) {
        Properties messages = messages(Theme.Type.LOGIN, languageTag);
        Map<String, String> errors = new HashMap<>();
        fieldErrors.forEach((field, key) -> errors.put(field, format(messages, languageTag, key)));

        Properties properties = new Properties();
        readKeycloakWay(properties, classpath("theme/base/login/theme.properties"));
        readKeycloakWay(properties, classpath("theme/keycloak.v2/login/theme.properties"));

        Map<String, Object> realm = new HashMap<>();
        realm.put("name", "demo");
        realm.put("displayName", "Demo");
        realm.put("displayNameHtml", "<b>Demo</b>");
        realm.put("internationalizationEnabled", false);
        realm.put("password", true);
        realm.put("registrationAllowed", false);
        realm.put("loginWithEmailAllowed", true);
        realm.put("registrationEmailAsUsername", false);

        Map<String, Object> url = new HashMap<>();
        url.put("loginAction", LOGIN_ACTION);
        url.put("resourcesPath", "/resources/x/login/keycloak.v2");
        url.put("resourcesCommonPath", "/resources/x/common/keycloak");
        url.put("ssoLoginInOtherTabsUrl", "https://sso.example.com/realms/demo/login-actions/switch");
        url.put("loginRestartFlowUrl", "https://sso.example.com/realms/demo/login-actions/restart");
        url.put("registrationUrl", "https://sso.example.com/realms/demo/login-actions/registration");
        url.put("loginResetCredentialsUrl", "https://sso.example.com/realms/demo/login-actions/reset-credentials");

        Map<String, Object> data = new HashMap<>();
        data.put("msg", new MessageFormatterMethod(Locale.forLanguageTag(languageTag), messages));
        data.put("properties", properties);
        data.put("realm", realm);
        data.put("url", url);
        data.put("locale", Map.of("currentLanguageTag", languageTag, "rtl", false, "supported", List.of()));
        data.put("lang", languageTag);
        data.put("darkMode", false);
        data.put("pageId", "vigil");
        data.put("title", "Demo");
        data.put("auth", new Auth(false, null));
        data.put("messagesPerField", new FieldMessages(errors));
        data.put("social", Map.of("providers", List.of()));
        return data;
    }

    /** The data model of a mail, as FreeMarkerEmailTemplateProvider fills it. */
    public static Map<String, Object> mail(String languageTag, Map<String, Object> attributes) {
        Locale locale = Locale.forLanguageTag(languageTag);
        Map<String, Object> data = new HashMap<>(attributes);
        data.put("locale", locale);
        data.put("ltr", true);
        data.put("msg", new MessageFormatterMethod(locale, messages(Theme.Type.EMAIL, languageTag)));
        data.put("properties", new Properties());
        return data;
    }

    private static URL classpath(String path) {
        return KeycloakRendering.class.getClassLoader().getResource(path);
    }

    /** The {@code auth} bean (AuthenticationContextBean) as far as the layout asks it. */
    public static final class Auth {
        private final boolean tryAnotherWay;
        private final String attemptedUsername;

        public Auth(boolean tryAnotherWay, String attemptedUsername) {
            this.tryAnotherWay = tryAnotherWay;
            this.attemptedUsername = attemptedUsername;
        }

        public boolean showUsername() {
            return attemptedUsername != null;
        }

        public boolean showResetCredentials() {
            return false;
        }

        public boolean showTryAnotherWayLink() {
            return tryAnotherWay;
        }

        public String getAttemptedUsername() {
            return attemptedUsername;
        }
    }

    /** The {@code messagesPerField} bean (MessagesPerFieldBean): formatted errors by field. */
    public static final class FieldMessages {
        private final Map<String, String> errors;

        public FieldMessages(Map<String, String> errors) {
            this.errors = errors;
        }

        public boolean existsError(String field) {
            return errors.containsKey(field);
        }

        public String get(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    /**
     * A theme as Keycloak's ExtendingThemeManager assembles it for templates: the theme's own files and
     * its parents', then the provider jars' {@code theme-resources/templates} (here: this module's).
     */
    private static final class PackTheme implements Theme {
        private final String name;
        private final Type type;
        private final List<String> dirs;

        PackTheme(String name, Type type, String... dirs) {
            this.name = name;
            this.type = type;
            this.dirs = List.of(dirs);
        }

        @Override
        public URL getTemplate(String template) throws IOException {
            for (String dir : dirs) {
                URL url = classpath(dir + template);
                if (url != null) {
                    return url;
                }
            }
            Path pack = THEME_RESOURCES.resolve("templates").resolve(template);
            return Files.exists(pack) ? pack.toUri().toURL() : null;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getParentName() {
            return null;
        }

        @Override
        public String getImportName() {
            return null;
        }

        @Override
        public Type getType() {
            return type;
        }

        @Override
        public InputStream getResourceAsStream(String path) {
            return null;
        }

        @Override
        public Properties getMessages(Locale locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Properties getMessages(String baseBundlename, Locale locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Properties getEnhancedMessages(RealmModel realm, Locale locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Properties getProperties() {
            return new Properties();
        }
    }
}
