package com.usersplatform.stacks;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules of {@code users-platform:workloads.<service>}: pinned image, sane resources, replica bounds, HPA targets. */
final class WorkloadRules {

    /** OCI reference grammar: optional registry host[:port], lower-case path components. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "([a-zA-Z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /**
     * A SHA-256 manifest digest, the only algorithm registries must support and the one ECR and Jib use
     * (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests: sha256 hex is 64 lower-case
     * characters).
     */
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    /**
     * The smallest memory limit a service's pod may have. The images' JVM flags do not follow the limit: they fix the
     * heap (services/jvm/users.flags 40 MiB, gateway.flags 52 MiB) and cap class metadata at 96 MiB and compiled code
     * at 64 MiB (services/jvm/jvm.flags), and a service reaches ~160 MiB of RSS under load (docs/performance.md). Below
     * this the kernel's OOM killer ends the container under load instead of the JVM ever reporting it
     * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
     */
    static final int MIN_MEMORY_LIMIT_MIB = 256;

    private WorkloadRules() {
    }

    static void check(String service, WorkloadConfig workload, boolean production, Problems problems) {
        String path = StackValidator.PREFIX + "workloads." + service;
        checkImage(workload.image(), path + ".image", problems);
        checkResources(workload.resources(), path + ".resources", problems)
                .ifPresent(limit -> checkJvmMemoryLimit(limit, workload.resources().limits().memory(),
                        path + ".resources.limits.memory", problems));
        AutoscalingConfig scaling = workload.autoscaling();
        String autoscaling = path + ".autoscaling";
        problems.check(scaling.minReplicas() >= 1, autoscaling + ".minReplicas",
                "must be at least 1, got " + scaling.minReplicas());
        problems.check(!production || scaling.minReplicas() >= 2, autoscaling + ".minReplicas",
                "must be at least 2 in production (one replica may be evicted or restarting), got "
                        + scaling.minReplicas());
        problems.check(scaling.minReplicas() <= scaling.maxReplicas(), autoscaling + ".minReplicas",
                "min (" + scaling.minReplicas() + ") must be <= max (" + scaling.maxReplicas() + ")");
        problems.range(autoscaling + ".maxReplicas", scaling.maxReplicas(), 1, 100);
        problems.range(autoscaling + ".cpuTargetPercent", scaling.cpuTargetPercent(), 1, 100);
        problems.range(autoscaling + ".memoryTargetPercent", scaling.memoryTargetPercent(), 1, 100);
        problems.range(autoscaling + ".scaleDownStabilizationSeconds", scaling.scaleDownStabilizationSeconds(),
                0, 3600);
    }

    /** A memory limit of {@code bytes} (written {@code text}) at least {@link #MIN_MEMORY_LIMIT_MIB}. */
    private static void checkJvmMemoryLimit(BigDecimal bytes, String text, String path, Problems problems) {
        problems.check(bytes.compareTo(BigDecimal.valueOf(MIN_MEMORY_LIMIT_MIB * 1024L * 1024L)) >= 0, path,
                "must be at least " + MIN_MEMORY_LIMIT_MIB + "Mi: the image's JVM has a fixed heap and bounded"
                        + " metadata and code, and peaks at ~160 MiB under load; less gets the pod OOM-killed, got '"
                        + text + "'");
    }

    private static void checkImage(ImageConfig image, String path, Problems problems) {
        image.repository().ifPresent(repository -> problems.check(REPOSITORY.matcher(repository).matches(),
                path + ".repository", "must be an image repository without tag, such as"
                        + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/users, got '" + repository + "'"));
        String tag = image.tag();
        if (tag.isBlank()) {
            problems.rule(path + ".tag", "must not be empty (pin a released version)");
        } else if (tag.equalsIgnoreCase("latest")) {
            problems.rule(path + ".tag", "must not be latest (pin a released version so rollouts are repeatable)");
        } else {
            problems.check(TAG.matcher(tag).matches(), path + ".tag",
                    "must be a Docker tag (letters, digits, _ . -; at most 128), got '" + tag + "'");
        }
        image.digest().ifPresent(digest -> problems.check(DIGEST.matcher(digest).matches(), path + ".digest",
                "must be a manifest digest sha256:<64 lower-case hex>, got '" + digest + "'"));
    }

    /**
     * Quantities well-formed and above 0, each limit at least its request; returns the memory limit in bytes when it
     * is well-formed and above 0.
     */
    static Optional<BigDecimal> checkResources(ResourcesConfig resources, String path, Problems problems) {
        Optional<BigDecimal> cpuRequest = quantity(resources.requests().cpu(), path + ".requests.cpu", problems);
        Optional<BigDecimal> memoryRequest = memory(resources.requests().memory(), path + ".requests.memory", problems);
        Optional<BigDecimal> cpuLimit = quantity(resources.limits().cpu(), path + ".limits.cpu", problems);
        Optional<BigDecimal> memoryLimit = memory(resources.limits().memory(), path + ".limits.memory", problems);
        atLeastRequest(cpuLimit, cpuRequest, resources.limits().cpu(), resources.requests().cpu(),
                path + ".limits.cpu", problems);
        atLeastRequest(memoryLimit, memoryRequest, resources.limits().memory(), resources.requests().memory(),
                path + ".limits.memory", problems);
        return memoryLimit;
    }

    private static void atLeastRequest(Optional<BigDecimal> limit, Optional<BigDecimal> request, String limitText,
                                       String requestText, String path, Problems problems) {
        if (limit.isPresent() && request.isPresent()) {
            problems.check(limit.get().compareTo(request.get()) >= 0, path,
                    "limit (" + limitText + ") must be >= request (" + requestText + ")");
        }
    }

    private static Optional<BigDecimal> memory(String text, String path, Problems problems) {
        if (text.endsWith("m")) {
            problems.rule(path, "'m' means milli-bytes; use Mi or Gi, got '" + text + "'");
            return Optional.empty();
        }
        return quantity(text, path, problems);
    }

    private static Optional<BigDecimal> quantity(String text, String path, Problems problems) {
        Optional<BigDecimal> value = Quantity.parse(text);
        problems.check(value.isPresent(), path,
                "must be a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi, got '" + text + "'");
        problems.check(value.isEmpty() || value.get().signum() > 0, path, "must be greater than 0");
        return value.filter(v -> v.signum() > 0);
    }
}
