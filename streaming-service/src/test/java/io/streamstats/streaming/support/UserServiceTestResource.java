package io.streamstats.streaming.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.time.Duration;
import java.util.Map;

/**
 * The real user-service, packaged, started as a process for this module's tests: tests sign up and log in
 * through it to get real tokens, and its logout reaches streaming-service through the revocation feed.
 */
public class UserServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String INTERNAL_KEY = "test-internal-key";
    static final Path USER_SERVICE_JAR = Path.of("../user-service/target/quarkus-app/quarkus-run.jar");

    private ServiceProcess userService;

    /** Starts user-service on a free port with its own database and a generated key pair under target/jwt. */
    public static ServiceProcess startUserService(String database) {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(database);
        Path keys = Path.of("target/jwt").toAbsolutePath();
        Map<String, String> env = Map.of(
                "DB_URL", server.jdbcUrl(database),
                "DB_USERNAME", server.username(),
                "DB_PASSWORD", server.password(),
                "JWT_PRIVATE_KEY", keys.resolve("private-key.pem").toString(),
                "JWT_PUBLIC_KEY", keys.resolve("public-key.pem").toString(),
                "PLATFORM_AUTH_KEYS_GENERATE_IF_MISSING", "true",
                "INTERNAL_API_KEY", INTERNAL_KEY,
                "BCRYPT_COST", "4",
                // every test signs up its users from 127.0.0.1
                "PLATFORM_SIGNUP_THROTTLE_BURST", "100000");
        return ServiceProcess.start("user-service", USER_SERVICE_JAR, ServiceProcess.freePort(), env,
                Path.of("target/user-service-" + database + ".log"), Duration.ofSeconds(90));
    }

    public static String publicKeyLocation() {
        return Path.of("target/jwt/public-key.pem").toAbsolutePath().toString();
    }

    /** Private half of a "previous" key that this service also trusts, as in the middle of a key rotation. */
    public static final Path PREVIOUS_PRIVATE_KEY = Path.of("target/jwt/previous-private-key.pem");

    /**
     * The key set this service verifies with in tests: user-service's current public key and a previous one, so
     * every test runs as during a key rotation (tokens of both keys verify).
     */
    static String verificationKeySet() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair previous = generator.generateKeyPair();
            Files.writeString(PREVIOUS_PRIVATE_KEY, pem("PRIVATE KEY", previous.getPrivate().getEncoded()));
            Path set = Path.of("target/jwt/verification-keys.pem").toAbsolutePath();
            Files.writeString(set, Files.readString(Path.of(publicKeyLocation()))
                    + pem("PUBLIC KEY", previous.getPublic().getEncoded()));
            return set.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Override
    public Map<String, String> start() {
        userService = startUserService("users_for_streaming_test");
        return Map.of(
                // the feed goes through a gate a test can cut; sign-up and login go straight to user-service
                "streaming.revocation.user-service-url", FeedGate.start(userService.baseUrl()),
                "streaming.revocation.max-staleness", "PT3S",
                "streaming.revocation.internal-api-key", INTERNAL_KEY,
                "mp.jwt.verify.publickey.location", verificationKeySet(),
                "test.user-service-url", userService.baseUrl());
    }

    @Override
    public void stop() {
        FeedGate.stop();
        if (userService != null) {
            userService.stop();
        }
    }
}
