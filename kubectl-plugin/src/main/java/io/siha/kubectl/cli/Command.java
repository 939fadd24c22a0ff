package io.siha.kubectl.cli;

import java.util.Arrays;
import java.util.Optional;

/** What {@code kubectl siha} is asked to do; the first word on its command line. */
public enum Command {
    STATUS("status", true),
    SWITCHOVER("switchover", true),
    LOGS("logs", true),
    HELP("help", false),
    VERSION("version", false);

    private final String word;
    private final boolean needsName;

    Command(String word, boolean needsName) {
        this.word = word;
        this.needsName = needsName;
    }

    public String word() {
        return word;
    }

    /** Acts on one SiHaCluster, named on the command line. */
    public boolean needsName() {
        return needsName;
    }

    static Optional<Command> ofWord(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }
}
