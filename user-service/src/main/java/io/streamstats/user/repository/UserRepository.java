package io.streamstats.user.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.streamstats.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class UserRepository implements PanacheRepository<User> {

    public Optional<User> findByEmail(String email) {
        return find("email", email).firstResultOptional();
    }
}
