package dev.vigil.themes;

import static dev.vigil.themes.KeycloakRendering.LANGUAGES;
import static dev.vigil.themes.KeycloakRendering.THEME_RESOURCES;
import static dev.vigil.themes.KeycloakRendering.bundleFileName;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message in every language, read the way Keycloak reads it: UTF-8 .properties files named
 * {@code messages_<Locale.toString()>.properties}, every value a {@link MessageFormat}.
 */
class MessageBundlesTest {

    /**
     * Keys the Java code sets itself (the authenticator's page errors, notices and mail subjects; the
     * subjects of the refresh-token theft response's mail and of the impersonation notice): no template
     * names them.
     */
    static final List<String> KEYS_SET_BY_JAVA = List.of(
            "vigilEmailOtpInvalidCode", "vigilEmailOtpCodeRequired", "vigilEmailOtpEmailRequired",
            "vigilEmailOtpNewCodeSent", "vigilEmailOtpMisconfigured", "vigilEmailOtpSubject",
            "vigilEmailOtpNoAccountSubject", "vigilEmailOtpNoAddress",
            "vigilRefreshReuseSubject", "vigilImpersonationSubject");

    /** {@code msg("k")}, {@code msgStr('k')}, {@code kcSanitize(msg("k"))}, {@code advancedMsg("k")}. */
    private static final Pattern MSG_CALL = Pattern.compile("\\b(?:msg|msgStr|advancedMsg)\\(\\s*[\"']([^\"']+)[\"']");
    /** keycloak.v2's button macros take a message key: {@code <@buttons.button label="k" .../>}. */
    private static final Pattern BUTTON_LABEL = Pattern.compile("<@buttons\\.[A-Za-z]+[^>]*?\\blabel=\"([^\"]+)\"");
    /** An argument of a MessageFormat pattern: {@code {0}}, {@code {1,number}}, {@code {0,choice,...}}. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s][^=:\\s]*)\\s*[=:]");

    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    static Stream<String> translations() {
        return LANGUAGES.stream().filter(tag -> !tag.equals("en"));
    }

    static Path file(String languageTag) {
        return THEME_RESOURCES.resolve("messages").resolve(bundleFileName(languageTag));
    }

    /** Strict UTF-8: Keycloak would silently fall back to ISO-8859-1 for a file that is not. */
    static String text(String languageTag) throws IOException {
        byte[] bytes = Files.readAllBytes(file(languageTag));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file(languageTag) + " is not valid UTF-8", e);
        }
    }

    static Properties bundle(String languageTag) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text(languageTag)));
        return properties;
    }

    @Test
    void theBundlesAreNamedAsKeycloakLooksThemUp() throws IOException {
        Set<String> expected = LANGUAGES.stream().map(KeycloakRendering::bundleFileName).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(THEME_RESOURCES.resolve("messages"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        // Keycloak's own Brazilian Portuguese bundles carry the same name.
        assertThat(bundleFileName("pt-BR")).isEqualTo("messages_pt_BR.properties");
        assertThat(getClass().getClassLoader().getResource("theme/base/login/messages/messages_pt_BR.properties")).isNotNull();
        assertThat(getClass().getClassLoader().getResource("theme/base/email/messages/messages_pt_BR.properties")).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("languages")
    void isUtf8WithoutByteOrderMarkAndKeycloakReadsItAsWritten(String languageTag) throws IOException {
        String text = text(languageTag);
        assertThat(text).as("byte order mark").doesNotStartWith("\uFEFF");
        // Keycloak's own reader (PropertiesUtil.readCharsetAware) must see exactly these values.
        Properties asKeycloakReadsIt = new Properties();
        KeycloakRendering.readKeycloakWay(asKeycloakReadsIt, file(languageTag).toUri().toURL());
        assertThat(asKeycloakReadsIt).isEqualTo(bundle(languageTag));
        // Keycloak's own bundles are UTF-8 too (not \\u escapes): the pack writes its characters the same way.
        assertThat(text).doesNotContain("\\u00");
    }

    @ParameterizedTest
    @MethodSource("languages")
    void hasNoDuplicateOrEmptyKeys(String languageTag) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (String line : text(languageTag).split("\n")) {
            Matcher m = KEY_LINE.matcher(line);
            if (m.find()) {
                seen.merge(m.group(1), 1, Integer::sum);
            }
        }
        assertThat(seen).allSatisfy((key, count) -> assertThat(count).as("occurrences of " + key).isEqualTo(1));
        bundle(languageTag).forEach((key, value) -> assertThat(value.toString()).as(key.toString()).isNotBlank()
                .isEqualTo(value.toString().strip()));
    }

    @ParameterizedTest
    @MethodSource("translations")
    void hasExactlyTheEnglishKeys(String languageTag) throws IOException {
        Set<String> english = bundle("en").stringPropertyNames();
        Set<String> translated = bundle(languageTag).stringPropertyNames();
        assertThat(difference(english, translated)).as("keys missing from " + bundleFileName(languageTag)).isEmpty();
        assertThat(difference(translated, english)).as("keys in " + bundleFileName(languageTag) + " but not in English").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyMessageIsAValidMessageFormatWithTheEnglishArguments(String languageTag) throws IOException {
        Properties english = bundle("en");
        Properties messages = bundle(languageTag);
        Locale locale = Locale.forLanguageTag(languageTag);
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(messages.stringPropertyNames())) {
            String value = messages.getProperty(key);
            String englishValue = english.getProperty(key, "");
            if (value.replace("''", "").contains("'")) {
                problems.add(key + ": a single apostrophe quotes text in MessageFormat and disappears; write ''");
            }
            if (!arguments(value).equals(arguments(englishValue))) {
                problems.add(key + ": arguments " + arguments(value) + ", English has " + arguments(englishValue));
            }
            MessageFormat format;
            try {
                format = new MessageFormat(value, locale);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": not a MessageFormat: " + e.getMessage());
                continue;
            }
            List<String> kinds = kinds(format);
            List<String> englishKinds = kinds(new MessageFormat(englishValue, Locale.ENGLISH));
            if (!kinds.equals(englishKinds)) {
                problems.add(key + ": argument formats " + kinds + ", English has " + englishKinds);
                continue;
            }
            // Formatted as the pages and mails format it: numbers for number/choice arguments (one and many).
            for (int sample : new int[] {1, 2, 15}) {
                Object[] args = new Object[kinds.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = kinds.get(i).equals("text") ? "«arg" + i + "»" : sample;
                }
                String out;
                try {
                    out = format.format(args);
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": cannot be formatted: " + e.getMessage());
                    break;
                }
                if (out.contains("{") || out.contains("}") || out.contains("''")) {
                    problems.add(key + ": formats to " + out);
                }
                for (int i = 0; i < args.length; i++) {
                    if (!out.contains(String.valueOf(args[i]))) {
                        problems.add(key + ": argument {" + i + "} is lost: " + out);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Properties english = bundle("en");
        Properties keycloak = new Properties();
        for (String path : List.of("theme/base/login/messages/messages_en.properties",
                "theme/keycloak.v2/login/messages/messages_en.properties", "theme/base/email/messages/messages_en.properties")) {
            KeycloakRendering.readKeycloakWay(keycloak, getClass().getClassLoader().getResource(path));
        }
        Map<String, Set<String>> missing = new HashMap<>();
        Set<String> used = usedKeys();
        for (String key : used) {
            boolean ours = english.containsKey(key);
            // The pack's own keys must come from the pack; others may come from Keycloak's bundles.
            if (!ours && (key.startsWith("vigil") || !keycloak.containsKey(key))) {
                missing.computeIfAbsent("missing", k -> new TreeSet<>()).add(key);
            }
        }
        assertThat(used).contains("vigilEmailOtpCodeLabel", "vigilEmailOtpVerify", "vigilEmailOtpResendIn");
        assertThat(used).contains("vigilRefreshReuseActionFamily", "vigilRefreshReuseActionSession", "vigilRefreshReuseActionUser");
        assertThat(used).contains("vigilImpersonationBody", "vigilImpersonationBodyNoTool", "vigilImpersonationBodyNoAgent",
                "vigilImpersonationBodyNoAgentNoTool", "vigilImpersonationTime", "vigilImpersonationTimeStartOnly",
                "vigilImpersonationTimeEndOnly", "vigilImpersonationReason", "vigilImpersonationNoReason");
        assertThat(missing).isEmpty();
    }

    @Test
    void everyKeyTheAuthenticatorSetsExists() throws IOException {
        assertThat(bundle("en").stringPropertyNames()).containsAll(KEYS_SET_BY_JAVA);
    }

    @Test
    void everyKeyIsUsed() throws IOException {
        Set<String> used = new TreeSet<>(usedKeys());
        used.addAll(KEYS_SET_BY_JAVA);
        assertThat(difference(bundle("en").stringPropertyNames(), used)).as("keys nothing uses").isEmpty();
    }

    static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(THEME_RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ftl")).collect(Collectors.toList())) {
                String template = Files.readString(file, StandardCharsets.UTF_8);
                for (Pattern pattern : List.of(MSG_CALL, BUTTON_LABEL)) {
                    Matcher m = pattern.matcher(template);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return used;
    }

    private static Set<String> arguments(String value) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(value);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Per argument index: "text" (plain {n}), "number" or "choice". */
    private static List<String> kinds(MessageFormat format) {
        Format[] formats = format.getFormatsByArgumentIndex();
        return Arrays.stream(formats)
                .map(f -> f == null ? "text" : f instanceof ChoiceFormat ? "choice" : "number")
                .collect(Collectors.toList());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
