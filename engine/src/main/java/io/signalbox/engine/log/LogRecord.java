package io.signalbox.engine.log;

/**
 * One entry of a log.
 *
 * @param offset the entry's sequence number, from 0
 * @param payload the stored bytes
 */
public record LogRecord(long offset, byte[] payload) {}
