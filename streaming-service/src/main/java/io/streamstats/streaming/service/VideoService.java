package io.streamstats.streaming.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.streamstats.common.rest.ApiException;
import io.streamstats.streaming.domain.Video;
import io.streamstats.streaming.repository.ReadRepository;
import io.streamstats.streaming.repository.VideoRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class VideoService {

    /** Videos never change once registered, so the write path may keep them; bounded by clearing. */
    private static final int CACHE_LIMIT = 100_000;

    private final Map<Long, Video> primaryCache = new ConcurrentHashMap<>();

    @Inject
    VideoRepository videos;

    @Inject
    ReadRepository reads;

    @Inject
    Clock clock;

    public Video register(long creatorId, String title, int durationSeconds, String url) {
        Video video = new Video();
        video.creatorId = creatorId;
        video.title = title.strip();
        video.durationSeconds = durationSeconds;
        video.url = url == null || url.isBlank() ? null : url.strip();
        video.createdAt = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> videos.persist(video));
        return video;
    }

    /** For reads by clients: from the replica. */
    public Video get(long id) {
        return reads.findVideo(id).orElseThrow(() -> notFound(id));
    }

    /**
     * A creator's own video, for the per-video reports: anyone else's is answered as if it did not exist (404), so
     * the reports do not tell which ids are taken.
     */
    public Video ownedBy(long creatorId, long id) {
        return reads.findVideo(id).filter(v -> v.creatorId == creatorId)
                .orElseThrow(() -> ApiException.notFound("No video of yours with id " + id));
    }

    public List<Video> listByCreator(long creatorId, long afterId, int limit) {
        return reads.videosOf(creatorId, afterId, limit);
    }

    /** For the play / pause write path: from the primary, so a video registered a moment ago is found. */
    public Video getForWrite(long id) {
        Video cached = primaryCache.get(id);
        if (cached != null) {
            return cached;
        }
        Video video = QuarkusTransaction.requiringNew().call(() -> videos.findById(id));
        if (video == null) {
            throw notFound(id);
        }
        if (primaryCache.size() >= CACHE_LIMIT) {
            primaryCache.clear();
        }
        primaryCache.put(id, video);
        return video;
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("No video with id " + id);
    }
}
