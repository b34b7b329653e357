package io.streamstats.user.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.streamstats.common.rest.ApiException;
import io.streamstats.user.domain.EmailAddress;
import io.streamstats.user.domain.User;
import io.streamstats.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.hibernate.exception.ConstraintViolationException;

@ApplicationScoped
public class UserService {

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    /** Creates a user; exactly one of any number of concurrent sign-ups with one email succeeds. */
    public User signUp(String email, String password, String nickname, String role) {
        PasswordHasher.requireHashable(password);
        String normalizedEmail = normalizeEmail(email);
        if (QuarkusTransaction.requiringNew().call(() -> users.findByEmail(normalizedEmail).isPresent())) {
            throw duplicate();
        }
        User user = new User();
        user.email = normalizedEmail;
        user.passwordHash = hasher.hash(password); // slow on purpose: outside any transaction
        user.nickname = nickname.strip();
        user.role = role;
        user.createdAt = Instant.now();
        try {
            QuarkusTransaction.requiringNew().run(() -> users.persistAndFlush(user));
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw duplicate(); // lost the race against a concurrent sign-up: the unique key decided
            }
            throw e;
        }
        return user;
    }

    public User get(long id) {
        User user = QuarkusTransaction.requiringNew().call(() -> users.findById(id));
        if (user == null) {
            throw ApiException.unauthorized("The user of this token no longer exists");
        }
        return user;
    }

    /** The stored form of an email, the same for sign-up and login ({@link EmailAddress}); 400 when it has none. */
    public static String normalizeEmail(String email) {
        try {
            return EmailAddress.normalize(email);
        } catch (EmailAddress.InvalidEmailException e) {
            throw ApiException.badRequest("email: " + e.getMessage());
        }
    }

    private static ApiException duplicate() {
        return ApiException.conflict("An account with this email already exists");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
