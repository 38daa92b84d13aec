package com.usersplatform.infra.offline;

import com.usersplatform.infra.App;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code bin/render STACK OUTDIR}: runs the real program offline for a committed stack and writes
 * {@code OUTDIR/plan.json} (every registered resource) and {@code OUTDIR/manifests/} (Kubernetes objects).
 */
public final class Render {

    private Render() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: bin/render STACK OUTDIR   (STACK names a committed Pulumi.<stack>.yaml)");
            System.exit(2);
        }
        String stack = args[0];
        Path outDir = Path.of(args[1]);
        Path stackFile = StackFiles.stackFile(StackFiles.repositoryRoot(), stack);
        if (!Files.isRegularFile(stackFile)) {
            System.err.println("error: no stack file " + stackFile);
            System.exit(2);
        }
        OfflineRun.Result result = render(stack, outDir);
        System.out.println("rendered stack " + stack + ": " + result.resources().size() + " resources -> "
                + outDir.resolve("plan.json"));
    }

    /** Runs the program for {@code stack} and writes the render output into {@code outDir}. */
    public static OfflineRun.Result render(String stack, Path outDir) throws IOException {
        var config = StackFiles.engineConfig(StackFiles.stackFile(StackFiles.repositoryRoot(), stack));
        OfflineRun.Result result = OfflineRun.run(stack, config, Set.of(), App::program, OfflineRun.DEFAULT_TIMEOUT);
        PlanWriter.write(result.resources(), outDir);
        ManifestWriter.write(result.resources(), outDir);
        return result;
    }
}
