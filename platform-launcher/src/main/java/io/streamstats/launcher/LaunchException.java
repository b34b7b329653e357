package io.streamstats.launcher;

/** A reason the platform cannot start, worded for the person who ran it. */
final class LaunchException extends RuntimeException {
    LaunchException(String message) {
        super(message);
    }
}
