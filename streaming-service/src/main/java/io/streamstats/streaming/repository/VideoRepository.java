package io.streamstats.streaming.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.streamstats.streaming.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;

/** Video writes on the primary. */
@ApplicationScoped
public class VideoRepository implements PanacheRepository<Video> {
}
