package io.signalbox.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code signalbox} command line. */
@Command(
        name = "signalbox",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted real-time customer intelligence: collect, compute attributes, serve, score.",
        subcommands = {
            RunCommand.class,
            ImportCommand.class,
            SimulateCommand.class,
            TrainCommand.class,
            BenchCommand.class,
            SoakCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exitCode = new CommandLine(Main.class)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The version of the running build. */
    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** The version as {@code major.minor.patch}, without a qualifier such as {@code -SNAPSHOT}. */
    public static String releaseVersion() {
        String version = version();
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("^(\\d+\\.\\d+\\.\\d+)").matcher(version);
        return matcher.find() ? matcher.group(1) : "0.0.0";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"signalbox " + version()};
        }
    }
}
