package io.signalbox.scoring.predict;

import io.signalbox.scoring.model.ProspectModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds and reads model files. */
public interface ModelLoader {

    /** The model files of a directory, newest first; empty when there are none or the directory does not exist. */
    List<Path> list(Path directory) throws IOException;

    /** Reads one model file. */
    ProspectModel load(Path file) throws IOException;
}
