package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The drop-in jar holds exactly what the modules built: every class and resource, current, nothing foreign. */
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
}
