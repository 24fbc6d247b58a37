package io.signalbox.engine.log;

/** When an append is acknowledged relative to the disk. */
public enum SyncPolicy {
    /** Each group commit is fsync'ed before its appends are acknowledged: survives power loss. */
    ALWAYS,
    /** Appends are acknowledged once written to the operating system: survives a process crash, not power loss. */
    OS_BUFFERED
}
