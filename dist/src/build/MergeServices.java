import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step of dist/ (run by Maven with {@code java MergeServices.java}, no compiled tool needed): merges the
 * {@code META-INF/services} files of Vigil's modules into one file per service, its lines sorted and unique, so
 * that the drop-in jar is the same byte for byte whatever order Maven hands the modules over in.
 *
 * <p>Arguments: the output directory, the package prefix of the classes to keep ({@code dev.vigil.}), a
 * directory to ignore (dist's own classes, which hold the previous build's output) and the class path.
 */
public final class MergeServices {

    private static final String SERVICES = "META-INF/services/";

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: MergeServices <out-dir> <class-prefix> <ignored-dir> <class-path>");
        }
        Path out = Path.of(args[0]);
        String prefix = args[1];
        Path ignored = Path.of(args[2]).toAbsolutePath().normalize();
        Map<String, SortedSet<String>> services = new TreeMap<>();
        for (String element : args[3].split(File.pathSeparator)) {
            Path entry = Path.of(element).toAbsolutePath().normalize();
            if (entry.equals(ignored)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                readDirectory(entry.resolve(SERVICES), prefix, services);
            } else if (Files.isRegularFile(entry)) {
                readJar(entry, prefix, services);
            }
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, SortedSet<String>> service : services.entrySet()) {
            if (!service.getValue().isEmpty()) {
                Files.writeString(out.resolve(service.getKey()), String.join("\n", service.getValue()) + "\n",
                        StandardCharsets.UTF_8);
            }
        }
        System.out.println("[MergeServices] " + services.size() + " service files with " + prefix + "* providers in " + out);
    }

    private static void readDirectory(Path dir, String prefix, Map<String, SortedSet<String>> services) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                add(services, file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), prefix);
            }
        }
    }

    private static void readJar(Path jar, String prefix, Map<String, SortedSet<String>> services) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
                    entries.add(entry);
                }
            }
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    add(services, entry.getName().substring(SERVICES.length()),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), prefix);
                }
            }
        }
    }

    /** Keeps the provider class names of {@code text} (comments and blanks dropped) that start with {@code prefix}. */
    private static void add(Map<String, SortedSet<String>> services, String service, String text, String prefix) {
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (name.startsWith(prefix)) {
                services.computeIfAbsent(service, k -> new TreeSet<>()).add(name);
            }
        }
    }
}
