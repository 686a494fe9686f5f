package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.BuildOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docker/Dockerfile and docker/compose.yaml in step with the Maven build and the tests, without
 * Docker: both files are only read. compose.yaml is parsed line by line (no YAML library on the
 * classpath), so it must stay in the simple shape its header describes.
 */
class DockerConsistencyTest {

    private static final Path REPO = Path.of(property("vigil.repo.dir")).toAbsolutePath().normalize();
    private static final Path DOCKER_DIR = REPO.resolve("docker");
    private static final String IMPORT_DIR = "/opt/keycloak/data/import/";

    @Test
    void dockerfileUsesThePomsKeycloakVersion() throws IOException {
        List<String> instructions = instructions(read(DOCKER_DIR.resolve("Dockerfile")));

        assertThat(argDefault(instructions, "KEYCLOAK_VERSION")).isEqualTo(property("vigil.keycloak.version"));
        assertThat(instructions).filteredOn(i -> i.startsWith("FROM "))
                .isNotEmpty()
                .allSatisfy(from -> assertThat(from.split("\\s+")[1])
                        .isEqualTo("quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}"));
    }

    @Test
    void dockerfileBuildsWithTheOptionsTheTestsUse() throws IOException {
        List<String> options = kcBuildOptions(instructions(read(DOCKER_DIR.resolve("Dockerfile"))));

        assertThat(new HashSet<>(options)).isEqualTo(new HashSet<>(BuildOptions.POSTGRES));
    }

    @Test
    void dockerfileInstallsTheJarMavenBuilds() throws IOException {
        List<String> instructions = instructions(read(DOCKER_DIR.resolve("Dockerfile")));
        String jar = argDefault(instructions, "VIGIL_JAR");

        assertThat(jar).endsWith("/" + property("vigil.jar.name"));
        assertThat(Path.of(jar).isAbsolute()).as("%s is relative to the build context", jar).isFalse();
        assertThat(REPO.resolve(jar).normalize()).as("%s stays inside the repository", jar).startsWithRaw(REPO);
        assertThat(instructions).anySatisfy(copy -> {
            List<String> words = List.of(copy.split(" "));
            assertThat(words.get(0)).isEqualTo("COPY");
            assertThat(words).contains("${VIGIL_JAR}").last().isEqualTo("/opt/keycloak/providers/");
        });
    }

    @Test
    void composeBuildsTheDockerfileFromTheRepositoryRoot() throws IOException {
        List<String> build = section(keycloakService(), "build");

        assertThat(DOCKER_DIR.resolve(scalar(build, "context")).normalize()).isEqualTo(REPO);
        assertThat(REPO.resolve(scalar(build, "dockerfile")).normalize()).isEqualTo(DOCKER_DIR.resolve("Dockerfile"));
    }

    @Test
    void composeImportsTheDemoRealm() throws IOException {
        List<String> keycloak = keycloakService();
        String mount = sequence(section(keycloak, "volumes")).stream()
                .filter(volume -> volume.contains(":" + IMPORT_DIR))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume is mounted into " + IMPORT_DIR));
        List<String> parts = List.of(mount.split(":"));

        assertThat(parts.get(0)).isEqualTo("../demo/vigil-demo-realm.json");
        assertThat(DOCKER_DIR.resolve(parts.get(0)).normalize()).isEqualTo(demoRealm()).isRegularFile();
        assertThat(parts.get(1)).isEqualTo(IMPORT_DIR + "vigil-demo-realm.json");
        assertThat(parts).last().as("mounted read-only").isEqualTo("ro");
        assertThat(scalar(keycloak, "command").split("\\s+")).contains("start", "--optimized", "--import-realm");
    }

    @Test
    void composeProvidesWhatTheDemoRealmReads() throws IOException {
        Map<String, String> env = mapping(section(keycloakService(), "environment"));
        Set<String> services = mapping(section(significant(read(DOCKER_DIR.resolve("compose.yaml"))), "services"))
                .keySet();
        List<Placeholder> placeholders = placeholders(read(demoRealm()));

        assertThat(env.get("VIGIL_SMTP_HOST")).as("the mail service").isIn(services);
        assertThat(env.get("VIGIL_SMTP_PORT")).matches("\\d+");
        assertThat(placeholders).extracting(Placeholder::name).contains("VIGIL_SMTP_HOST", "VIGIL_SMTP_PORT");
        assertThat(placeholders).filteredOn(p -> p.fallback() == null)
                .allSatisfy(p -> assertThat(env).as("compose sets ${%s}", p.name()).containsKey(p.name()));
    }

    @Test
    void composeDoesNotOverrideBuildOptionsAtRuntime() throws IOException {
        List<String> keycloak = keycloakService();
        Map<String, String> env = mapping(section(keycloak, "environment"));
        String command = scalar(keycloak, "command");

        for (String option : BuildOptions.POSTGRES) {
            String name = option.substring(2, option.indexOf('='));
            assertThat(env).doesNotContainKey("KC_" + name.replace('-', '_').toUpperCase(Locale.ROOT));
            assertThat(command).doesNotContain("--" + name);
        }
    }

    /** The parsers on small samples, including the drift each check exists to catch. */
    @Test
    void parsersReadWhatTheChecksRelyOn() {
        List<String> dockerfile = instructions("""
                # syntax=docker/dockerfile:1
                ARG KEYCLOAK_VERSION=26.0.0
                FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}
                RUN /opt/keycloak/bin/kc.sh build \\
                      --db=postgres \\
                      # a comment inside a continuation
                      --health-enabled=true && echo done
                """);
        assertThat(argDefault(dockerfile, "KEYCLOAK_VERSION")).isEqualTo("26.0.0").isNotEqualTo("26.7.3");
        assertThat(kcBuildOptions(dockerfile)).containsExactly("--db=postgres", "--health-enabled=true");
        assertThat(new HashSet<>(kcBuildOptions(dockerfile))).isNotEqualTo(new HashSet<>(BuildOptions.POSTGRES));
        assertThatThrownBy(() -> argDefault(dockerfile, "VIGIL_JAR")).isInstanceOf(AssertionError.class);

        List<String> compose = significant("""
                services:
                  a:
                    environment:
                      URL: jdbc:postgresql://db:5432/x
                      PORT: "1025"
                    volumes:
                      - ./x.json:/import/x.json:ro
                  b:
                    environment:
                      OTHER: y
                """);
        List<String> a = section(section(compose, "services"), "a");
        assertThat(mapping(section(a, "environment")))
                .containsExactly(Map.entry("URL", "jdbc:postgresql://db:5432/x"), Map.entry("PORT", "1025"));
        assertThat(sequence(section(a, "volumes"))).containsExactly("./x.json:/import/x.json:ro");
        assertThat(mapping(section(compose, "services")).keySet()).containsExactly("a", "b");

        assertThat(placeholders("${A} ${B:x} ${env.C} ${D:}")).containsExactly(
                new Placeholder("A", null), new Placeholder("B", "x"), new Placeholder("C", null),
                new Placeholder("D", ""));
    }

    // --- Dockerfile ---

    /** The Dockerfile's instructions, one string each: continuations joined, comments and blank lines dropped. */
    static List<String> instructions(String dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                result.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return result;
    }

    /** The default of the single {@code ARG name=default}. */
    static String argDefault(List<String> instructions, String name) {
        List<String> defaults = instructions.stream()
                .filter(i -> i.startsWith("ARG " + name + "="))
                .map(i -> unquote(i.substring(("ARG " + name + "=").length())))
                .toList();
        if (defaults.size() != 1) {
            throw new AssertionError("expected one ARG " + name + "=<default>, found " + defaults);
        }
        return defaults.get(0);
    }

    /** The arguments after {@code kc.sh build} in the single RUN instruction that runs it. */
    static List<String> kcBuildOptions(List<String> instructions) {
        List<String[]> runs = instructions.stream()
                .filter(i -> i.startsWith("RUN "))
                .map(i -> i.split(" "))
                .filter(words -> indexOfBuild(words) >= 0)
                .toList();
        if (runs.size() != 1) {
            throw new AssertionError("expected one RUN of kc.sh build, found " + runs.size());
        }
        String[] words = runs.get(0);
        List<String> options = new ArrayList<>();
        for (int i = indexOfBuild(words) + 1; i < words.length && !Set.of("&&", "||", ";", "|").contains(words[i]); i++) {
            options.add(words[i]);
        }
        return options;
    }

    private static int indexOfBuild(String[] words) {
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].endsWith("kc.sh") && words[i + 1].equals("build")) {
                return i + 1;
            }
        }
        return -1;
    }

    // --- compose.yaml (the block-style subset it is written in) ---

    private static List<String> keycloakService() throws IOException {
        return section(section(significant(read(DOCKER_DIR.resolve("compose.yaml"))), "services"), "keycloak");
    }

    /** The lines that carry content: no blank lines, no comment lines. */
    static List<String> significant(String yaml) {
        return Arrays.stream(yaml.split("\\R"))
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                .toList();
    }

    /** The lines nested under {@code key:} at the block's outer indentation. */
    static List<String> section(List<String> block, String key) {
        int outer = outerIndent(block);
        for (int i = 0; i < block.size(); i++) {
            if (indent(block.get(i)) == outer && block.get(i).strip().equals(key + ":")) {
                int end = i + 1;
                while (end < block.size() && indent(block.get(end)) > outer) {
                    end++;
                }
                return block.subList(i + 1, end);
            }
        }
        throw new AssertionError("no '" + key + ":' in " + block);
    }

    /** The value of {@code key: value} at the block's outer indentation. */
    static String scalar(List<String> block, String key) {
        String value = mapping(block).get(key);
        if (value == null || value.isEmpty()) {
            throw new AssertionError("no '" + key + ": <value>' in " + block);
        }
        return value;
    }

    /** The {@code key: value} pairs at the block's outer indentation; a key with a nested block maps to "". */
    static Map<String, String> mapping(List<String> block) {
        int outer = outerIndent(block);
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : block) {
            int colon = line.indexOf(':');
            if (indent(line) == outer && colon > 0) {
                result.put(line.substring(0, colon).strip(), unquote(line.substring(colon + 1).strip()));
            }
        }
        return result;
    }

    /** The {@code - item} entries at the block's outer indentation. */
    static List<String> sequence(List<String> block) {
        int outer = outerIndent(block);
        return block.stream()
                .filter(line -> indent(line) == outer && line.strip().startsWith("- "))
                .map(line -> unquote(line.strip().substring(2).strip()))
                .toList();
    }

    private static int outerIndent(List<String> block) {
        return block.stream().mapToInt(DockerConsistencyTest::indent).min().orElse(0);
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    // --- the demo realm ---

    /** A Keycloak import placeholder: {@code ${NAME}}, {@code ${env.NAME}} or {@code ${NAME:fallback}}. */
    record Placeholder(String name, String fallback) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:env\\.)?([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    static List<Placeholder> placeholders(String text) {
        List<Placeholder> result = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            result.add(new Placeholder(matcher.group(1), matcher.group(2)));
        }
        return result;
    }

    private static Path demoRealm() {
        return REPO.resolve("demo/vigil-demo-realm.json");
    }

    // --- plumbing ---

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (surefire sets it; see the pom)");
        }
        return value;
    }
}
