package io.streamstats.streaming.domain;

/**
 * One viewer on one video: the unit the playback rules keep state for (last play, resume position). Every request
 * of the pair locks its row; the order is the global lock order (viewer, then video).
 */
public record ViewerVideo(long viewerId, long videoId) implements Comparable<ViewerVideo> {
    @Override
    public int compareTo(ViewerVideo o) {
        int byViewer = Long.compare(viewerId, o.viewerId);
        return byViewer != 0 ? byViewer : Long.compare(videoId, o.videoId);
    }
}
