package com.usersplatform.stacks;

import java.util.List;

/** A stack config that cannot be read or breaks a rule; {@link #problems()} lists every problem found. */
public final class StackConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public StackConfigException(String source, List<String> problems) {
        super("invalid stack config " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each {@code <key path>: <rule>}. */
    public List<String> problems() {
        return problems;
    }
}
