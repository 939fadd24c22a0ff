package io.siha.kubectl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a command line as kubectl reads its own: flags before or after the words, {@code --flag value} or
 * {@code --flag=value}. Anything it does not know is an error that names it, never ignored.
 */
public final class InvocationParser {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m)");
    private static final Set<String> GLOBAL_FLAGS = Set.of("-n", "--namespace", "--context", "--kubeconfig");

    private InvocationParser() {
    }

    public static Invocation parse(List<String> args) throws UsageException {
        Flags flags = new Flags();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                words.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
                continue;
            }
            String flag = arg;
            Optional<String> inline = Optional.empty();
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                inline = Optional.of(arg.substring(equals + 1));
            }
            if (flags.takesValue(flag)) {
                String value;
                if (inline.isPresent()) {
                    value = inline.get();
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("flag " + flag + " needs a value");
                }
                if (value.isEmpty()) {
                    throw new UsageException("flag " + flag + " needs a value, got an empty one");
                }
                flags.set(flag, value);
            } else if (inline.isPresent()) {
                throw new UsageException("flag " + flag + " takes no value");
            } else {
                flags.set(flag, null);
            }
        }
        return build(words, flags);
    }

    private static Invocation build(List<String> words, Flags flags) throws UsageException {
        if (flags.help) {
            return help(words.isEmpty() ? Optional.empty() : Optional.of(command(words.get(0))));
        }
        if (words.isEmpty() && flags.version) {
            flags.version = false;
            words = List.of(Command.VERSION.word());
        }
        if (words.isEmpty()) {
            throw new UsageException("no command given");
        }
        Command command = command(words.get(0));
        List<String> operands = words.subList(1, words.size());
        if (command == Command.HELP) {
            if (operands.size() > 1) {
                throw new UsageException("help takes at most one command, got " + operands);
            }
            return help(operands.isEmpty() ? Optional.empty() : Optional.of(command(operands.get(0))));
        }
        Optional<String> name = Optional.empty();
        if (command.needsName()) {
            if (operands.isEmpty()) {
                throw new UsageException(command.word() + " needs the SiHaCluster's NAME: kubectl siha "
                        + command.word() + " NAME");
            }
            name = Optional.of(operands.get(0));
            operands = operands.subList(1, operands.size());
        }
        if (!operands.isEmpty()) {
            throw new UsageException(command.word() + " takes " + (command.needsName() ? "one NAME" : "no argument")
                    + ", got also " + String.join(" ", operands));
        }
        flags.checkApplyTo(command);
        return new Invocation(command, name, flags.namespace, flags.context, flags.kubeconfig.map(Path::of),
                flags.to, !flags.noWait, flags.timeout, flags.follow, Optional.empty());
    }

    private static Invocation help(Optional<Command> topic) {
        return new Invocation(Command.HELP, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Invocation.DEFAULT_TIMEOUT, false, topic);
    }

    private static Command command(String word) throws UsageException {
        return Command.ofWord(word).orElseThrow(() -> new UsageException("unknown command \"" + word
                + "\"; the commands are status, switchover, logs, help and version"));
    }

    /** The flags seen so far; which command each belongs to is checked once the command is known. */
    private static final class Flags {
        Optional<String> namespace = Optional.empty();
        Optional<String> context = Optional.empty();
        Optional<String> kubeconfig = Optional.empty();
        Optional<String> to = Optional.empty();
        Duration timeout = Invocation.DEFAULT_TIMEOUT;
        boolean timeoutGiven;
        boolean noWait;
        boolean follow;
        boolean help;
        boolean version;

        boolean takesValue(String flag) throws UsageException {
            return switch (flag) {
                case "-n", "--namespace", "--context", "--kubeconfig", "--to", "--timeout" -> true;
                case "--no-wait", "-f", "--follow", "-h", "--help", "--version" -> false;
                default -> throw new UsageException("unknown flag " + flag);
            };
        }

        void set(String flag, String value) throws UsageException {
            switch (flag) {
                case "-n", "--namespace" -> namespace = Optional.of(value);
                case "--context" -> context = Optional.of(value);
                case "--kubeconfig" -> kubeconfig = Optional.of(value);
                case "--to" -> to = Optional.of(value);
                case "--timeout" -> {
                    timeout = duration(value);
                    timeoutGiven = true;
                }
                case "--no-wait" -> noWait = true;
                case "-f", "--follow" -> follow = true;
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                default -> throw new IllegalStateException(flag);
            }
        }

        void checkApplyTo(Command command) throws UsageException {
            only(to.isPresent(), "--to", command, Command.SWITCHOVER);
            only(noWait, "--no-wait", command, Command.SWITCHOVER);
            only(timeoutGiven, "--timeout", command, Command.SWITCHOVER);
            only(follow, "--follow", command, Command.LOGS);
            if (version && command != Command.VERSION) {
                throw new UsageException("--version is a command of its own: kubectl siha version");
            }
            if (!command.needsName() && (namespace.isPresent() || context.isPresent() || kubeconfig.isPresent())) {
                throw new UsageException(command.word() + " talks to no cluster; it takes none of "
                        + String.join(", ", GLOBAL_FLAGS.stream().sorted().toList()));
            }
        }

        private static void only(boolean given, String flag, Command command, Command owner) throws UsageException {
            if (given && command != owner) {
                throw new UsageException("flag " + flag + " belongs to " + owner.word() + ", not to "
                        + command.word());
            }
        }

        private static Duration duration(String value) throws UsageException {
            Matcher m = DURATION.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new UsageException("--timeout takes a positive duration such as 90s or 5m, got \"" + value
                        + "\"");
            }
            long amount = Long.parseLong(m.group(1));
            return m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
        }
    }
}
