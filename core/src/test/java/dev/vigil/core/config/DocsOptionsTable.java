package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an options table of a docs page against the {@link OptionSet} it documents: the first Markdown table
 * after the heading has a {@code Key} and a {@code Default} column, lists every option once and nothing else,
 * and states each default as the definition does ({@link Option#defaultText()}, code spans ignored). So a
 * renamed key or a changed default cannot leave the page behind.
 */
public final class DocsOptionsTable {

    private static final Path REPO = Path.of(System.getProperty("vigil.repo.dir", "..")).toAbsolutePath().normalize();

    private DocsOptionsTable() {
    }

    /** Asserts that the table after {@code heading} in {@code page} (relative to the repository) matches {@code options}. */
    public static void assertMatches(String page, String heading, OptionSet options) {
        Map<String, String> documented = rows(REPO.resolve(page), heading);
        Map<String, String> defined = new LinkedHashMap<>();
        options.options().forEach(o -> defined.put(o.key(), o.defaultText()));
        assertThat(documented).as("the options table under '%s' in %s: key -> default", heading, page)
                .containsExactlyInAnyOrderEntriesOf(defined);
    }

    /** Key -> default of the first table after the heading line containing {@code heading}. */
    static Map<String, String> rows(Path page, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int i = 0;
        while (i < lines.size() && !(lines.get(i).startsWith("#") && lines.get(i).contains(heading))) {
            i++;
        }
        assertThat(i).as("a heading containing '%s' in %s", heading, page).isLessThan(lines.size());
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        List<String> header = cells(lines.get(i));
        int key = header.indexOf("Key");
        int def = header.indexOf("Default");
        assertThat(key).as("a Key column in the table under '%s' in %s", heading, page).isNotNegative();
        assertThat(def).as("a Default column in the table under '%s' in %s", heading, page).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            String k = plain(row.get(key));
            assertThat(rows.put(k, plain(row.get(def)))).as("%s documented once in %s", k, page).isNull();
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.trim().substring(1, line.trim().length() - 1);
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    private static String plain(String cell) {
        return cell.replace("`", "").trim();
    }
}
