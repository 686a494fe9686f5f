package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the README, the CHANGELOG, BENCHMARKS.md and the pages under {@code docs/}
 * resolves: the file exists, and a {@code #fragment} names a heading of that page (GitHub's anchors).
 */
class DocsLinksTest {

    private static final Path REPO = Path.of(System.getProperty("vigil.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = pages();
        assertThat(pages).as("the README and the docs pages").contains(REPO.resolve("README.md"), REPO.resolve("docs/install.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: — not ours to check offline
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(REPO.relativize(page) + ": " + target + " (no such file)");
                } else if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
                    broken.add(REPO.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(10);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPage() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            List<String> unlinked = docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> "docs/" + p.getFileName())
                    .filter(name -> !readme.contains("(" + name + ")") && !readme.contains("(" + name + "#"))
                    .sorted().collect(Collectors.toList());
            assertThat(unlinked).as("docs pages the README does not link").isEmpty();
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        for (String top : List.of("README.md", "CHANGELOG.md", "BENCHMARKS.md", "docker/README.md")) {
            if (Files.exists(REPO.resolve(top))) {
                pages.add(REPO.resolve(top));
            }
        }
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Link targets outside code spans and fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path page) {
        try {
            boolean[] fenced = {false};
            return Files.readAllLines(page).stream()
                    .filter(line -> {
                        if (line.strip().startsWith("```")) {
                            fenced[0] = !fenced[0];
                            return false;
                        }
                        return !fenced[0] && line.matches("^#{1,6} .*");
                    })
                    .map(line -> line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
