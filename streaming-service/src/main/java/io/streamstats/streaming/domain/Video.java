package io.streamstats.streaming.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "videos")
public class Video {

    public static final int MAX_DURATION_SECONDS = 86_400;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "creator_id", nullable = false)
    public long creatorId;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    @Column(length = 2048)
    public String url;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
