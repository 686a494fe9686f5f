package dev.vigil.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message in every language, readable the way Keycloak reads it (UTF-8, MessageFormat). */
class MessageBundlesTest {

    private static final Path RESOURCES = Paths.get("src/main/resources/theme-resources");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern USED_KEY = Pattern.compile("msg\\(\"(vigil[A-Za-z0-9.]*)\"");

    static Properties bundle(String locale) throws IOException {
        byte[] bytes = Files.readAllBytes(RESOURCES.resolve("messages/messages_" + locale + ".properties"));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("messages_" + locale + ".properties is not UTF-8", e);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es", "pt_BR"})
    void hasExactlyTheEnglishKeys(String locale) throws IOException {
        assertThat(bundle(locale).stringPropertyNames()).containsExactlyInAnyOrderElementsOf(bundle("en").stringPropertyNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es", "pt_BR"})
    void everyMessageFormatsWithTheEnglishPlaceholders(String locale) throws IOException {
        Properties english = bundle("en");
        Properties messages = bundle(locale);
        List<String> problems = new ArrayList<>();
        for (String key : messages.stringPropertyNames()) {
            String value = messages.getProperty(key);
            if (value.replace("''", "").contains("'")) {
                problems.add(key + ": a single apostrophe (MessageFormat swallows it; write '')");
            }
            try {
                new MessageFormat(value, Locale.forLanguageTag(locale.replace('_', '-'))).format(new Object[] {"a", "b", "c"});
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
            if (!placeholders(value).equals(placeholders(english.getProperty(key, "")))) {
                problems.add(key + ": placeholders " + placeholders(value) + " differ from English");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyATemplateUsesIsInTheEnglishBundle() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".ftl"))::iterator) {
                Matcher m = USED_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(bundle("en").stringPropertyNames()).containsAll(used);
    }

    private static Set<String> placeholders(String value) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
