import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Release step (release/release.sh, run as {@code java MarkProvided.java <sbom.json> <own-purl-prefix>}): marks
 * every component of the CycloneDX SBOM that is not Vigil's own as provided by the Keycloak server, since the
 * CycloneDX Maven plugin calls every used dependency "required" whatever its Maven scope. Such a component gets
 * {@code "scope": "optional"} (the jar neither contains nor installs it) and the properties
 * {@code vigil:provided-by = keycloak-server} and {@code vigil:maven-scope = provided}. The file is
 * rewritten in place; the same input gives the same bytes.
 */
public final class MarkProvided {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MarkProvided <sbom.json> <own-purl-prefix, e.g. pkg:maven/dev.vigil/>");
        }
        Path file = Path.of(args[0]);
        Object bom = new Parser(Files.readString(file, StandardCharsets.UTF_8)).parseDocument();
        int marked = 0;
        @SuppressWarnings("unchecked")
        List<Object> components = (List<Object>) ((Map<String, Object>) bom).getOrDefault("components", List.of());
        for (Object c : components) {
            @SuppressWarnings("unchecked")
            Map<String, Object> component = (Map<String, Object>) c;
            String purl = String.valueOf(component.get("purl"));
            if (purl.startsWith(args[1])) {
                continue;
            }
            component.put("scope", "optional");
            @SuppressWarnings("unchecked")
            List<Object> properties = (List<Object>) component.computeIfAbsent("properties", k -> new ArrayList<>());
            properties.add(property("vigil:provided-by", "keycloak-server"));
            properties.add(property("vigil:maven-scope", "provided"));
            marked++;
        }
        StringBuilder out = new StringBuilder();
        write(bom, out, "");
        Files.writeString(file, out.append('\n').toString(), StandardCharsets.UTF_8);
        System.out.println("[MarkProvided] " + marked + " of " + components.size() + " components marked as provided by Keycloak in " + file);
    }

    private static Map<String, Object> property(String name, String value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("value", value);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out, String indent) {
        String inner = indent + "  ";
        if (value instanceof Map) {
            Map<String, Object> map = (Map<String, Object>) value;
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                out.append(inner);
                string(e.getKey(), out);
                out.append(" : ");
                write(e.getValue(), out, inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            if (list.isEmpty()) {
                out.append("[ ]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(list.get(i), out, inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String) {
            string((String) value, out);
        } else {
            out.append(value); // numbers and literals, kept as written
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A small JSON reader: objects keep their key order; numbers and literals stay as their source text. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Object parseDocument() {
            Object value = value();
            space();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect('}');
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    space();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect(']');
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected '" + c + "'");
            }
            return new Literal(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("SBOM is not JSON as expected: " + what + " at offset " + i);
        }
    }

    /** A number, true, false or null, written back exactly as read. */
    private record Literal(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
