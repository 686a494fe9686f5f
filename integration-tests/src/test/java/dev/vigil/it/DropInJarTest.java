package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar holds exactly what the modules built: every class and resource, current, nothing foreign;
 * and it is reproducible: fixed entry times, service files merged in a fixed (sorted) order whatever order the
 * modules come in. (release/release.sh also builds the jar twice from clean and compares the bytes.)
 */
class DropInJarTest {

    private static final Path REPO = Paths.get(System.getProperty("vigil.repo.dir", "..")).toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("core", "event-listeners", "authenticators", "token-mappers", "token-exchange", "themes");

    private static Path jar() {
        return REPO.resolve("dist/target").resolve(System.getProperty("vigil.jar.name"));
    }

    @Test
    void everyModuleFileIsInTheJarWithTheSameBytes() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            List<String> problems = new ArrayList<>();
            for (String module : MODULES) {
                Path classes = REPO.resolve(module).resolve("target/classes");
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String name = classes.relativize(file).toString().replace('\\', '/');
                        if (name.startsWith("META-INF/services/")) {
                            continue;
                        }
                        JarEntry entry = jar.getJarEntry(name);
                        if (entry == null) {
                            problems.add("missing: " + module + "/" + name);
                        } else if (!Arrays.equals(jar.getInputStream(entry).readAllBytes(), Files.readAllBytes(file))) {
                            problems.add("stale: " + module + "/" + name);
                        }
                    }
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void theTestOnlyProvidersAreNotInTheJar() throws IOException {
        Path testProviders = REPO.resolve("test-providers/target/classes");
        List<String> classes;
        try (Stream<Path> files = Files.walk(testProviders)) {
            classes = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> testProviders.relativize(f).toString().replace('\\', '/')).toList();
        }
        assertThat(classes).as("test-providers built").contains("dev/vigil/testproviders/TestTimeResourceProviderFactory.class");
        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(classes).allMatch(name -> jar.getJarEntry(name) == null);
            assertThat(jar.stream().map(JarEntry::getName)).noneMatch(n -> n.startsWith("dev/vigil/testproviders/"));
            for (JarEntry services : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/")).toList()) {
                assertThat(new String(jar.getInputStream(services).readAllBytes())).as(services.getName())
                        .doesNotContain("dev.vigil.testproviders").doesNotContain("vigil-test-time");
            }
        }
    }

    @Test
    void servicesAreMergedAndNoThirdPartyCodeIsBundled() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            String authenticators = new String(jar.getInputStream(jar.getJarEntry(
                    "META-INF/services/org.keycloak.authentication.AuthenticatorFactory")).readAllBytes());
            String listeners = new String(jar.getInputStream(jar.getJarEntry(
                    "META-INF/services/org.keycloak.events.EventListenerProviderFactory")).readAllBytes());
            assertThat(authenticators).contains("dev.vigil.authenticators.emailotp.EmailOtpAuthenticatorFactory");
            assertThat(listeners).contains("dev.vigil.events.audit.AuditEventListenerProviderFactory");
            assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")))
                    .allMatch(n -> n.startsWith("dev/vigil/"));
        }
    }

    /** Every entry carries project.build.outputTimestamp, never the time of the build. */
    @Test
    void everyEntryCarriesTheFixedBuildTime() throws IOException {
        LocalDateTime fixed = LocalDateTime.ofInstant(Instant.parse(System.getProperty("vigil.build.timestamp")), ZoneOffset.UTC);
        try (JarFile jar = new JarFile(jar().toFile())) {
            List<String> wrong = jar.stream().filter(e -> !e.getTimeLocal().equals(fixed))
                    .map(e -> e.getName() + " at " + e.getTimeLocal()).limit(5).toList();
            assertThat(wrong).as("entries not at %s (module jars from before the timestamp was set? build with clean)", fixed)
                    .isEmpty();
        }
    }

    /** Each service file: the union of the modules' files for that service, sorted, one class a line. */
    @Test
    void serviceFilesAreTheModulesMergedAndSorted() throws IOException {
        Map<String, SortedSet<String>> expected = new TreeMap<>();
        for (String module : MODULES) {
            Path services = REPO.resolve(module).resolve("target/classes/META-INF/services");
            if (Files.isDirectory(services)) {
                try (Stream<Path> files = Files.list(services)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                                .forEach(l -> expected.computeIfAbsent(file.getFileName().toString(), k -> new TreeSet<>()).add(l));
                    }
                }
            }
        }
        assertThat(expected).containsKey("org.keycloak.authentication.AuthenticatorFactory");
        try (JarFile jar = new JarFile(jar().toFile())) {
            Map<String, String> inJar = new TreeMap<>();
            for (JarEntry entry : (Iterable<JarEntry>) jar.stream().filter(e -> !e.isDirectory()
                    && e.getName().startsWith("META-INF/services/"))::iterator) {
                inJar.put(entry.getName().substring("META-INF/services/".length()),
                        new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
            Map<String, String> wanted = new TreeMap<>();
            expected.forEach((service, lines) -> wanted.put(service, String.join("\n", lines) + "\n"));
            assertThat(inJar).isEqualTo(wanted);
        }
    }

    /**
     * The merge step of dist/ (dist/src/build/MergeServices.java), run again here with the modules in two
     * opposite orders, gives the same files as the jar: the service files do not depend on the order Maven
     * hands the modules over in.
     */
    @Test
    void mergingTheServicesAgainInAnyModuleOrderGivesTheSameBytes(@TempDir Path tmp) throws Exception {
        List<String> classDirs = MODULES.stream().map(m -> REPO.resolve(m).resolve("target/classes").toString()).toList();
        List<String> reversed = new ArrayList<>(classDirs);
        Collections.reverse(reversed);
        Path forward = merge(tmp.resolve("forward"), classDirs);
        Path backward = merge(tmp.resolve("backward"), reversed);
        try (JarFile jar = new JarFile(jar().toFile()); Stream<Path> files = Files.list(forward)) {
            List<Path> merged = files.sorted().toList();
            assertThat(merged).isNotEmpty();
            for (Path file : merged) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(Files.readAllBytes(backward.resolve(file.getFileName()))).as(file.getFileName().toString()).isEqualTo(bytes);
                JarEntry entry = jar.getJarEntry("META-INF/services/" + file.getFileName());
                assertThat(entry).as(file.getFileName().toString()).isNotNull();
                assertThat(jar.getInputStream(entry).readAllBytes()).as(file.getFileName().toString()).isEqualTo(bytes);
            }
        }
    }

    private static Path merge(Path out, List<String> classPath) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), REPO.resolve("dist/src/build/MergeServices.java").toString(),
                out.toString(), "dev.vigil.", REPO.resolve("dist/target/classes").toString(),
                String.join(File.pathSeparator, classPath)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("MergeServices finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }
}
