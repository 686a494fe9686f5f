package dev.vigil.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * One option of a Vigil provider, defined once: its key (kebab-case), label, help text, type, default and
 * bounds. The same definition reads the option from a config map ({@link #read}) and describes it to the
 * admin console ({@link #property()}), whose help text ends with the bounds and the default generated from
 * the definition ("6 to 10. Default: 6."), so neither is written twice.
 *
 * <p>Reading: a missing or blank value is the default; a present value is trimmed and parsed; a value that
 * does not parse or is out of bounds is refused with an {@link InvalidConfigException} whose message starts
 * with the key ("code-length must be from 6 to 10, not 5") and shows the value made safe for a log line.
 * Which keys may appear at all is checked by the {@link OptionSet} the option belongs to.
 *
 * @param <T> the value read
 */
public final class Option<T> {

    private final String key;
    private final String label;
    private final String help;
    private final String type;
    private final T defaultValue;
    private final String defaultText;
    private final String bounds;
    private final List<String> choices;
    private final Function<String, T> parser;
    private final Object consoleDefault;

    private Option(Builder<T> b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.label = Objects.requireNonNull(b.label, "label of " + b.key);
        this.help = Objects.requireNonNull(b.help, "help of " + b.key);
        this.type = b.consoleType != null ? b.consoleType : b.type;
        this.consoleDefault = b.consoleDefault;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText;
        this.bounds = b.bounds;
        this.choices = List.copyOf(b.choices);
        this.parser = b.parser;
        if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("option keys are kebab-case, not " + key);
        }
        for (String choice : choices) {
            parser.apply(choice); // every choice the console offers must be readable
        }
    }

    /** A whole number from {@code min} to {@code max}; a text field unless {@link Builder#choices} are given. */
    public static Builder<Integer> whole(String key, int defaultValue, int min, int max) {
        return new Builder<Integer>(key, ProviderConfigProperty.STRING_TYPE, defaultValue, String.valueOf(defaultValue),
                raw -> bounded(key, raw, min, max), min + " to " + max + ".");
    }

    /** A number of seconds from {@code min} to {@code max}, read as a {@link Duration}. */
    public static Builder<Duration> seconds(String key, long defaultSeconds, long min, long max) {
        return new Builder<Duration>(key, ProviderConfigProperty.STRING_TYPE, Duration.ofSeconds(defaultSeconds),
                defaultSeconds + " seconds", raw -> Duration.ofSeconds(bounded(key, raw, min, max)),
                min + " to " + max + " seconds.").consoleDefault(String.valueOf(defaultSeconds));
    }

    /** A number of minutes from {@code min} to {@code max}, read as a {@link Duration}. */
    public static Builder<Duration> minutes(String key, long defaultMinutes, long min, long max) {
        return new Builder<Duration>(key, ProviderConfigProperty.STRING_TYPE, Duration.ofMinutes(defaultMinutes),
                defaultMinutes + " minutes", raw -> Duration.ofMinutes(bounded(key, raw, min, max)),
                min + " to " + max + " minutes.").consoleDefault(String.valueOf(defaultMinutes));
    }

    /** {@code true} or {@code false}, any case; an on/off switch in the console. */
    public static Builder<Boolean> bool(String key, boolean defaultValue) {
        return new Builder<Boolean>(key, ProviderConfigProperty.BOOLEAN_TYPE, defaultValue, defaultValue ? "on" : "off",
                raw -> Options.bool(Map.of(key, raw), key, defaultValue), null);
    }

    /** Free text (trimmed); the default when missing or blank. */
    public static Builder<String> text(String key, String defaultValue) {
        return new Builder<String>(key, ProviderConfigProperty.STRING_TYPE, defaultValue,
                defaultValue == null || defaultValue.isEmpty() ? "none" : defaultValue, raw -> raw, null);
    }

    /** One of the given ids, any case; a drop-down in the console. */
    public static Builder<String> oneOf(String key, String defaultValue, List<String> ids) {
        Builder<String> b = new Builder<String>(key, ProviderConfigProperty.LIST_TYPE, defaultValue, defaultValue, raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
            if (!ids.contains(v)) {
                throw new InvalidConfigException(key + " must be one of " + String.join(", ", ids) + ", not '"
                        + Options.shown(raw) + "'");
            }
            return v;
        }, null);
        b.choices.addAll(ids);
        return b;
    }

    /**
     * An option read by {@code parser} (given the trimmed, non-blank value; it throws an
     * {@link IllegalArgumentException} whose message starts with the key). For lists and other shapes the
     * factories above do not cover.
     */
    public static <T> Builder<T> parsed(String key, String type, T defaultValue, String defaultText, Function<String, T> parser) {
        return new Builder<T>(key, type, defaultValue, defaultText, raw -> {
            try {
                return parser.apply(raw);
            } catch (InvalidConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(e.getMessage(), e);
            }
        }, null);
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the help text and the docs show it ("6", "off", "300 seconds", "none"). */
    public String defaultText() {
        return defaultText;
    }

    /** The values the console offers (empty for a free field). */
    public List<String> choices() {
        return choices;
    }

    /** The help text as the console shows it: the description, the bounds, the default. */
    public String helpText() {
        return help + (bounds == null ? "" : " " + bounds) + " Default: " + defaultText + ".";
    }

    /**
     * The value in {@code options} (null is an empty map): the default when missing or blank.
     *
     * @throws InvalidConfigException naming the key when the value is malformed or out of bounds
     */
    public T read(Map<String, String> options) {
        String raw = Options.text(options == null ? Map.of() : options, key);
        return raw == null ? defaultValue : parser.apply(raw);
    }

    /** The definition for the admin console. */
    public ProviderConfigProperty property() {
        ProviderConfigProperty p = new ProviderConfigProperty();
        p.setName(key);
        p.setLabel(label);
        p.setHelpText(helpText());
        p.setType(type);
        if (!choices.isEmpty()) {
            p.setOptions(choices);
        }
        if (consoleDefault != null) {
            p.setDefaultValue(consoleDefault);
        }
        return p;
    }

    private static long bounded(String key, String raw, long min, long max) {
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a whole number from " + min + " to " + max + ", not '"
                    + Options.shown(raw) + "'");
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(key + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private static int bounded(String key, String raw, int min, int max) {
        return (int) bounded(key, raw, (long) min, (long) max);
    }

    /** Collects the parts of an {@link Option}; {@link #label} and {@link #help} are required. */
    public static final class Builder<T> {
        private final String key;
        private final String type;
        private final T defaultValue;
        private String defaultText;
        private final Function<String, T> parser;
        private final String bounds;
        private final List<String> choices = new ArrayList<>();
        private String label;
        private String help;
        private String consoleType;
        private Object consoleDefault;

        private Builder(String key, String type, T defaultValue, String defaultText, Function<String, T> parser, String bounds) {
            this.key = key;
            this.type = type;
            this.defaultValue = defaultValue;
            this.defaultText = defaultText;
            this.parser = parser;
            this.bounds = bounds;
            this.consoleDefault = defaultValue instanceof Boolean ? defaultValue
                    : defaultValue == null || "".equals(defaultValue) ? null : String.valueOf(defaultValue);
        }

        /** The default as the console's field holds it, when that is not the value's text (a number of minutes). */
        private Builder<T> consoleDefault(Object value) {
            this.consoleDefault = value;
            return this;
        }

        public Builder<T> label(String label) {
            this.label = label;
            return this;
        }

        /** What the option does, in whole sentences; the bounds and the default are added after it. */
        public Builder<T> help(String help) {
            this.help = help;
            return this;
        }

        /** Shows the default as this text instead ("0 (off)"). */
        public Builder<T> defaultText(String defaultText) {
            this.defaultText = defaultText;
            return this;
        }

        /** The console offers only these values (a drop-down); each must be readable. */
        public Builder<T> choices(List<String> values) {
            choices.clear();
            choices.addAll(values);
            consoleType = ProviderConfigProperty.LIST_TYPE;
            return this;
        }

        /** The console offers every whole number from {@code from} to {@code to}. */
        public Builder<T> choices(int from, int to) {
            List<String> values = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                values.add(String.valueOf(i));
            }
            return choices(values);
        }

        /** The console's field type, for types the factory does not choose (multivalued strings). */
        public Builder<T> type(String consoleType) {
            this.consoleType = consoleType;
            return this;
        }

        public Option<T> build() {
            return new Option<>(this);
        }
    }
}
