package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each configuration default is written once. A setting with its own environment variable has its default in
 * application.properties beside the variable ({@code key=${ENV:default}}); the {@code @ConfigMapping} /
 * {@code @ConfigProperty} reading it declares none. Settings set through their property's own variable name carry
 * their default in {@code @WithDefault} only.
 */
class ConfigDefaultsTest {

    private static final List<String> SERVICES = List.of("user-service", "streaming-service", "settlement-batch");
    /** Modules whose code reads the services' settings. */
    private static final List<String> CODE = List.of("user-service", "streaming-service", "settlement-batch",
            "platform-common");

    private static final Pattern ENV_DEFAULT = Pattern.compile("^([a-z0-9.\"-]+)\\s*=\\s*\\$\\{([A-Z0-9_]+):(.+)}$");
    /** Variables whose default differs between services on purpose: each service's own schema and pool. */
    private static final Set<String> PER_SERVICE = Set.of("DB_URL", "DB_POOL_MAX");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"\\s*,\\s*defaultValue\\s*=");
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile(
            "interface\\s+(\\w+)[^{]*\\{|\\{|}|@WithDefault\\(|([\\w.<>]+)\\s+(\\w+)\\(\\)\\s*;");

    @Test
    void noDefaultIsWrittenTwice() throws IOException {
        Map<String, String> inProperties = new HashMap<>();
        for (String module : SERVICES) {
            inProperties.putAll(envDefaults(Files.readString(
                    Manifests.ROOT.resolve(module + "/src/main/resources/application.properties")), module));
        }
        List<String> problems = new ArrayList<>();
        for (String module : CODE) {
            try (Stream<Path> files = Files.walk(Manifests.ROOT.resolve(module + "/src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    problems.addAll(twice(inProperties, codeDefaults(Files.readString(file)), file.getFileName()));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Seeded: the defaults this rule removed, written back beside the properties' ones, are each reported. */
    @Test
    void aDefaultInBothPlacesIsReported() {
        Map<String, String> properties = envDefaults("""
                # comment=${NOT:read}
                platform.auth.bcrypt-cost=${BCRYPT_COST:10}
                platform.auth.internal-api-key=${INTERNAL_API_KEY}
                %dev.platform.auth.keys.public-key=${JWT_PUBLIC_KEY:target/jwt/public-key.pem}
                streaming.revocation.poll-interval=${REVOCATION_POLL_INTERVAL:PT1S}
                platform.migrate-at-start=${PLATFORM_MIGRATE_AT_START:true}
                settlement.partitions=${SETTLEMENT_PARTITIONS:}
                """, "seeded");
        assertEquals(Set.of("platform.auth.bcrypt-cost", "streaming.revocation.poll-interval",
                "platform.migrate-at-start"), properties.keySet(), "only settings mapped with a default");

        Set<String> auth = codeDefaults("""
                @ConfigMapping(prefix = "platform.auth")
                public interface AuthConfig {
                    @WithDefault("10")
                    int bcryptCost();
                    String internalApiKey();
                    Keys keys();
                    interface Keys {
                        @WithDefault("false")
                        boolean generateIfMissing();
                    }
                }
                """);
        assertEquals(Set.of("platform.auth.bcrypt-cost", "platform.auth.keys.generate-if-missing"), auth);
        Set<String> streaming = codeDefaults("""
                @ConfigMapping(prefix = "streaming")
                public interface StreamingConfig {
                    ZoneId zone();
                    Revocation revocation();
                    interface Revocation {
                        String userServiceUrl();
                        @WithDefault("PT1S")
                        Duration pollInterval();
                        Optional<Duration> requestTimeout();
                    }
                }
                """);
        assertEquals(Set.of("streaming.revocation.poll-interval"), streaming);
        Set<String> migrations = codeDefaults("""
                @ConfigProperty(name = "platform.migrate-at-start", defaultValue = "true")
                boolean migrateAtStart;
                @ConfigProperty(name = "platform.migration-locations", defaultValue = "classpath:db/migration")
                String locations;
                """);

        List<String> problems = new ArrayList<>();
        problems.addAll(twice(properties, auth, Path.of("AuthConfig.java")));
        problems.addAll(twice(properties, streaming, Path.of("StreamingConfig.java")));
        problems.addAll(twice(properties, migrations, Path.of("SchemaMigrations.java")));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("platform.auth.bcrypt-cost: default in seeded application.properties"
                + " and in AuthConfig.java"), problems.get(0));
    }

    /**
     * A variable several services read (JWT_ISSUER, PLATFORM_ZONE, …) has its default in each service's file, since
     * each image runs on its own; those defaults must agree (the chart sets such a variable once for all).
     */
    @Test
    void aSharedVariableHasOneDefault() throws IOException {
        Map<String, String> properties = new HashMap<>();
        for (String module : SERVICES) {
            properties.put(module, Files.readString(
                    Manifests.ROOT.resolve(module + "/src/main/resources/application.properties")));
        }
        assertEquals(List.of(), disagreements(properties));
        // seeded: streaming-service's zone default changed alone
        properties.put("streaming-service", properties.get("streaming-service")
                .replace("${PLATFORM_ZONE:Asia/Seoul}", "${PLATFORM_ZONE:UTC}"));
        assertEquals(List.of("PLATFORM_ZONE: default Asia/Seoul in settlement-batch, UTC in streaming-service"),
                disagreements(properties));
    }

    static List<String> disagreements(Map<String, String> propertiesByModule) {
        Map<String, Map<String, String>> defaults = new java.util.TreeMap<>(); // variable -> module -> default
        propertiesByModule.forEach((module, text) -> text.lines().map(String::strip).forEach(line -> {
            Matcher m = ENV_DEFAULT.matcher(line);
            if (m.matches() && !PER_SERVICE.contains(m.group(2))) {
                defaults.computeIfAbsent(m.group(2), k -> new java.util.TreeMap<>()).put(module, m.group(3));
            }
        }));
        List<String> problems = new ArrayList<>();
        defaults.forEach((variable, byModule) -> {
            if (new java.util.HashSet<>(byModule.values()).size() > 1) {
                problems.add(variable + ": default " + byModule.entrySet().stream()
                        .map(e -> e.getValue() + " in " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
            }
        });
        return problems;
    }

    private static List<String> twice(Map<String, String> inProperties, Set<String> inCode, Path file) {
        List<String> problems = new ArrayList<>();
        for (String property : inCode) {
            if (inProperties.containsKey(property)) {
                problems.add(property + ": default in " + inProperties.get(property) + " application.properties and in "
                        + file + " (keep the one beside the environment variable)");
            }
        }
        return problems;
    }

    /** Settings of the default profile mapped as {@code key=${ENV:default}} with a non-empty default. */
    static Map<String, String> envDefaults(String properties, String module) {
        Map<String, String> defaults = new HashMap<>();
        for (String line : properties.lines().map(String::strip).toList()) {
            Matcher m = ENV_DEFAULT.matcher(line);
            if (m.matches() && !m.group(3).isEmpty()) {
                defaults.put(m.group(1), module);
            }
        }
        return defaults;
    }

    /** The properties a source gives a default: {@code @ConfigProperty(defaultValue)} and {@code @WithDefault}. */
    static Set<String> codeDefaults(String source) {
        Set<String> properties = new LinkedHashSet<>();
        Matcher property = CONFIG_PROPERTY.matcher(source);
        while (property.find()) {
            properties.add(property.group(1));
        }
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return properties;
        }
        // nested interfaces are reached through an accessor of the enclosing one: Keys keys() -> "keys."
        Map<String, String> accessorOf = new HashMap<>(); // interface -> the accessor returning it
        Map<String, String> parentOf = new HashMap<>(); // interface -> the interface it is declared in
        Deque<String> open = new ArrayDeque<>(); // interface names, "" for other blocks
        boolean defaulted = false;
        List<String[]> defaults = new ArrayList<>(); // interface, method
        Matcher token = TOKEN.matcher(source);
        while (token.find()) {
            if (token.group(1) != null) {
                open.stream().filter(name -> !name.isEmpty()).findFirst()
                        .ifPresent(parent -> parentOf.put(token.group(1), parent));
                open.push(token.group(1));
            } else if (token.group().equals("{")) {
                open.push("");
            } else if (token.group().equals("}")) {
                open.pollFirst();
            } else if (token.group().startsWith("@WithDefault")) {
                defaulted = true;
            } else if (token.group(3) != null && !open.isEmpty()) {
                accessorOf.put(token.group(2), token.group(3));
                if (defaulted) {
                    defaults.add(new String[] {open.peekFirst(), token.group(3)});
                }
                defaulted = false;
            }
        }
        for (String[] d : defaults) {
            properties.add(path(d[0], prefix.group(1), accessorOf, parentOf) + "." + kebab(d[1]));
        }
        return properties;
    }

    /** The property path of a mapping interface: the prefix, then the accessors leading to it. */
    private static String path(String type, String prefix, Map<String, String> accessorOf,
                               Map<String, String> parentOf) {
        String parent = parentOf.get(type);
        if (parent == null) {
            return prefix;
        }
        String accessor = accessorOf.get(type);
        if (accessor == null) {
            throw new IllegalStateException("no accessor returns " + type);
        }
        return path(parent, prefix, accessorOf, parentOf) + "." + kebab(accessor);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
