package io.signalbox.engine.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's one RocksDB database. Keeping the event log, profile state, consumer offsets and the registry
 * in column families of a single database lets a consumer commit its state changes and its log offset in one atomic
 * write batch.
 */
public final class EmbeddedStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);

    static {
        RocksDB.loadLibrary();
    }

    /** The column families of the store. */
    public enum Family {
        /** Enriched events as TSV lines, keyed by 8-byte big-endian sequence number. */
        EVENTS("events"),
        /** Bad rows as JSON, keyed by sequence number. */
        BAD_ROWS("bad_rows"),
        /** Aggregation state, keyed by group, version and attribute-key value. */
        PROFILES("profiles"),
        /** Consumer offsets and other small bookkeeping values. */
        META("meta"),
        /** Attribute keys, groups, services and interventions. */
        REGISTRY("registry");

        private final String familyName;

        Family(String familyName) {
            this.familyName = familyName;
        }
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final Map<Family, ColumnFamilyHandle> byFamily = new EnumMap<>(Family.class);
    private final LRUCache blockCache;
    private final Path directory;

    private EmbeddedStore(Path directory, long blockCacheBytes) throws RocksDBException {
        this.directory = directory;
        this.blockCache = new LRUCache(blockCacheBytes);
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(5)
                .setBytesPerSync(1 << 20)
                // No preallocation: a new write-ahead log would otherwise reserve about 1.1 write buffers (70 MiB) at
                // once, which the event log's free-space reserve cannot foresee and can fill a nearly full disk.
                .setAllowFAllocate(false);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options(false)));
        for (Family family : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(
                    family.familyName.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    options(family == Family.PROFILES)));
        }
        this.db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
        for (Family family : Family.values()) {
            byFamily.put(family, handles.get(family.ordinal() + 1));
        }
    }

    /**
     * Opens (or creates) the store in a directory.
     *
     * @param blockCacheBytes the size of the shared read cache
     */
    public static EmbeddedStore open(Path directory, long blockCacheBytes) {
        try {
            Files.createDirectories(directory);
            EmbeddedStore store = new EmbeddedStore(directory, blockCacheBytes);
            LOG.info("Opened embedded store dir=[{}]", directory);
            return store;
        } catch (java.io.IOException | RocksDBException e) {
            throw new StoreException("cannot open the embedded store in " + directory + ": " + e.getMessage(), e);
        }
    }

    private ColumnFamilyOptions options(boolean pointLookups) {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(blockCache);
        if (pointLookups) {
            table.setFilterPolicy(new org.rocksdb.BloomFilter(10, false));
        }
        ColumnFamilyOptions options = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(table);
        if (pointLookups) {
            options.optimizeForPointLookup(64);
        }
        familyOptions.add(options);
        return options;
    }

    public RocksDB db() {
        return db;
    }

    public ColumnFamilyHandle family(Family family) {
        return byFamily.get(family);
    }

    public Path directory() {
        return directory;
    }

    /** Flushes memtables to disk, so a restart does not need to replay the write-ahead log. */
    public void flush() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, handles);
        } catch (RocksDBException e) {
            LOG.warn("Flushing the embedded store failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        flush();
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
        dbOptions.close();
        familyOptions.forEach(ColumnFamilyOptions::close);
        blockCache.close();
        LOG.info("Closed embedded store dir=[{}]", directory);
    }
}
