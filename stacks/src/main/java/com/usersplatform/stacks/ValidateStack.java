package com.usersplatform.stacks;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code bin/validate-stack FILE...}: validates stack files with the loader the Pulumi program uses. Prints
 * {@code FILE: ok} per valid file, one {@code FILE: <key path>: <rule>} line per problem on stderr, and exits 1 when
 * any file has a problem (2 on wrong usage). Documentation values ({@link DocumentationValues}) are valid: one
 * {@code FILE: warning: <key path>: ...} line each on stderr, exit 0.
 */
public final class ValidateStack {

    private ValidateStack() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] files, PrintStream out, PrintStream err) {
        if (files.length == 0) {
            err.println("usage: bin/validate-stack Pulumi.<stack>.yaml...");
            return 2;
        }
        int status = 0;
        for (String file : files) {
            try {
                StackConfig config = StackConfigLoader.loadFile(Path.of(file));
                DocumentationValues.of(config).forEach(value -> err.println(file + ": warning: " + value
                        + " (fine in an example; bin/preflight refuses it)"));
                out.println(file + ": ok (stack " + config.stack() + (config.production() ? ", production" : "") + ")");
            } catch (StackConfigException e) {
                e.problems().forEach(problem -> err.println(file + ": " + problem));
                status = 1;
            }
        }
        return status;
    }
}
